"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ShareLinkInfo } from "@/lib/runs/share-links";
import { formatDateTime, formatRecent } from "@/components/ui/date-format";

/** "5 min ago", with the exact time on hover; relative times differ between server and browser. */
function Ago({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {formatRecent(iso)}
    </time>
  );
}

/** How the lists name a link: the end of its id (the token is never stored). */
export const shareLinkName = (link: Pick<ShareLinkInfo, "id">) => `link …${link.id.slice(-6)}`;

const chip = "rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600";

/** What a link shows: prompts, and with them hidden, whether the task is. */
export function ShareLinkOptions({ link }: { link: Pick<ShareLinkInfo, "hidePrompts" | "showTask"> }) {
  if (!link.hidePrompts) return <span className={chip}>Prompts shown</span>;
  return (
    <>
      <span className={chip}>Prompts hidden</span>
      <span className={chip}>{link.showTask ? "Task shown" : "Task hidden"}</span>
    </>
  );
}

/** "Created 3 h ago by Ada", "Viewed 5 min ago" or "Never viewed". */
export function ShareLinkHistory({ link }: { link: ShareLinkInfo }) {
  return (
    <>
      <span>
        Created <Ago iso={link.createdAt} />
        {link.createdBy ? ` by ${link.createdBy.name}` : ""}
      </span>
      <span>
        {link.lastViewedAt ? (
          <>
            Viewed <Ago iso={link.lastViewedAt} />
          </>
        ) : (
          "Never viewed"
        )}
      </span>
    </>
  );
}

/** A Revoke button that asks first, in place: revoking cannot be undone. */
export function RevokeShareLink({ name, onRevoke }: { name: string; onRevoke: () => Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setAsking(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  const confirm = async () => {
    setBusy(true);
    await onRevoke();
    setBusy(false);
    setAsking(false);
  };
  return (
    <span role="group" aria-label={`Revoke ${name}?`} className="flex items-center gap-1.5">
      <span className="text-xs text-slate-600">Anyone using it loses access.</span>
      <Button size="sm" onClick={() => setAsking(false)} disabled={busy}>
        Cancel
      </Button>
      <Button size="sm" variant="danger" onClick={() => void confirm()} disabled={busy}>
        Revoke link
      </Button>
    </span>
  );
}
