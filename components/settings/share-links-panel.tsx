"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { RevokeShareLink, ShareLinkHistory, shareLinkName, ShareLinkOptions } from "@/components/run/share-link-facts";
import { settingsApi, type WorkspaceShareLink } from "./settings-api";

/**
 * Every working share link of the workspace, to audit and revoke: the run it opens, what it
 * shows, who made it and when it was last viewed. `canRevoke` false (a viewer) lists only.
 */
export function ShareLinksPanel({ initial, canRevoke }: { initial: { links: WorkspaceShareLink[]; nextCursor: string | null }; canRevoke: boolean }) {
  const [links, setLinks] = useState(initial.links);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const loadMore = async () => {
    if (!nextCursor) return;
    setLoading(true);
    const result = await settingsApi.shareLinks(nextCursor);
    setLoading(false);
    if (!result.ok) return setError(result.error.message);
    setLinks((all) => [...all, ...result.value.links.filter((link) => !all.some((a) => a.id === link.id))]);
    setNextCursor(result.value.nextCursor);
  };

  const revoke = async (id: string) => {
    setError(null);
    const result = await settingsApi.revokeShareLink(id);
    if (!result.ok) return setError(result.error.message);
    setLinks((all) => all.filter((link) => link.id !== id));
  };

  return (
    <div className="space-y-4">
      <ErrorText message={error} />
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">No run of this workspace is shared. Share one from its run page.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Share links</caption>
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Run</th>
              <th scope="col" className="py-2 pr-3 font-medium">Shows</th>
              <th scope="col" className="py-2 pr-3 font-medium">History</th>
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-3 font-medium">
                  <Link href={`/runs/${encodeURIComponent(link.run.id)}`} className="text-slate-900 underline-offset-2 hover:underline">
                    {link.run.graphName}
                  </Link>
                  <span className="block font-mono text-xs font-normal text-slate-500">{shareLinkName(link)}</span>
                </th>
                <td className="py-2 pr-3">
                  <span className="flex flex-wrap gap-1.5">
                    <ShareLinkOptions link={link} />
                  </span>
                </td>
                <td className="py-2 pr-3 text-slate-600">
                  <span className="flex flex-col">
                    <ShareLinkHistory link={link} />
                  </span>
                </td>
                <td className="py-2 text-right">{canRevoke && <RevokeShareLink name={`${shareLinkName(link)} to ${link.run.graphName}`} onRevoke={() => revoke(link.id)} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <Button onClick={() => void loadMore()} disabled={loading}>
          {loading ? "Loading…" : "Show more links"}
        </Button>
      )}
    </div>
  );
}
