"use client";

import { useId, useMemo, useState, type KeyboardEvent } from "react";
import { cx } from "./cx";

export interface ComboboxOption {
  id: string;
  label: string;
  /** Told apart from options with the same label by this, shown after it. */
  hint?: string;
}

/**
 * How many matches the list shows at once; typing narrows it to the rest. A native select lists
 * every option in the DOM: with a 2,000-node graph's nodes, inserting one cost ~40 ms of style
 * and layout each time a node was selected.
 */
const SHOWN = 50;

/**
 * A text field that filters `options` as you type and picks one (WAI-ARIA combobox with a
 * listbox popup): click or type to open, arrows to move, Enter or a click to pick, Escape to close.
 */
export function Combobox({
  label,
  options,
  onPick,
  inputClassName,
}: {
  label: string;
  options: readonly ComboboxOption[];
  onPick: (id: string) => void;
  inputClassName?: string;
}) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const wanted = query.trim().toLowerCase();
    return wanted ? options.filter((option) => option.label.toLowerCase().includes(wanted)) : options;
  }, [options, query]);
  const shown = matches.slice(0, SHOWN);
  const activeIndex = Math.min(active, shown.length - 1);
  const current = open ? shown[activeIndex] : undefined;

  const pick = (option: ComboboxOption) => {
    onPick(option.id);
    setQuery("");
    setOpen(false);
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((at) => Math.max(0, Math.min(shown.length - 1, at + step)));
    } else if (event.key === "Enter" && current) {
      event.preventDefault();
      pick(current);
    } else if (event.key === "Escape" && open) {
      // Closes the list only, not whatever the Escape would close around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? `${listId}-${activeIndex}` : undefined}
        placeholder={`${label}…`}
        autoComplete="off"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(0);
        }}
        onClick={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={inputClassName}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label={label} className="absolute z-20 mt-1 max-h-60 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {shown.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={option === current}
              // Keeps the focus in the field, so the click lands before the blur closes the list.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(option)}
              onMouseEnter={() => setActive(index)}
              className={cx("cursor-pointer truncate px-2.5 py-1 text-sm text-slate-900", option === current && "bg-sky-50")}
            >
              {option.label}
              {option.hint && (
                <>
                  {" "}
                  <span className="ml-1 font-mono text-[11px] text-slate-500">{option.hint}</span>
                </>
              )}
            </li>
          ))}
          {shown.length === 0 && <li className="px-2.5 py-1 text-sm text-slate-500">Nothing matches “{query.trim()}”.</li>}
          {matches.length > shown.length && (
            <li className="px-2.5 py-1 text-[11px] text-slate-500">
              {matches.length - shown.length} more: type to narrow down.
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
