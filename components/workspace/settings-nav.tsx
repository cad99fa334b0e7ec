"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";

const SECTIONS = [
  { href: "/settings", label: "General" },
  { href: "/settings/members", label: "Members" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/share-links", label: "Share links" },
  { href: "/settings/provider", label: "Providers" },
  { href: "/settings/tools", label: "Tools" },
] as const;

/** The workspace settings sections; the current one is marked for assistive technology too. */
export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings">
      <ul className="flex gap-1 md:flex-col">
        {SECTIONS.map(({ href, label }) => {
          const current = pathname === href;
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cx("block rounded-md px-3 py-1.5 text-sm", current ? "bg-slate-200 font-medium text-slate-900" : "text-slate-600 hover:bg-slate-100")}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
