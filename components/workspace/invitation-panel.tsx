"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { useHydrated } from "@/components/ui/use-hydrated";
import { accountApi, type InvitationSummary, type WorkspaceRole } from "./account-api";

const STATUS_TEXT: Record<InvitationSummary["status"], string> = { pending: "Pending", accepted: "Used", revoked: "Revoked", expired: "Expired" };

/** Owners invite by link: pick a role, get a link shown once to copy, and see and revoke the links made so far. */
export function InvitationPanel({ invitations }: { invitations: InvitationSummary[] }) {
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const roleId = useId();

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const role = new FormData(event.currentTarget).get("role") as WorkspaceRole;
    setBusy(true);
    setError(null);
    setCopied(false);
    setLink(null);
    const result = await accountApi.invite(role);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setLink(result.value.url);
    router.refresh();
  };

  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setError("Could not copy: select the link and copy it yourself.");
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    const result = await accountApi.revokeInvitation(id);
    if (!result.ok) return setError(result.error.message);
    router.refresh();
  };

  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" className="mb-1 text-lg font-semibold">
        Invitations
      </h2>
      <p className="mb-3 text-sm text-slate-600">Anyone who opens a link while signed in joins with its role. Each link works once and expires after 7 days.</p>
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <div className="text-sm font-medium">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} name="role" defaultValue="editor" className="mt-1 block h-9 rounded-md border border-slate-300 bg-white px-2 text-sm">
            <option value="viewer">viewer — sees graphs and runs</option>
            <option value="editor">editor — also edits and runs</option>
            <option value="owner">owner — also manages the workspace</option>
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={busy || !hydrated}>
          {busy ? "Creating…" : "Create invitation link"}
        </Button>
      </form>
      {error && (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {link && (
        <div className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3">
          <label className="block text-sm font-medium text-emerald-900">
            Invitation link
            <input readOnly value={link} onFocus={(event) => event.target.select()} className="mt-1 block h-9 w-full rounded-md border border-emerald-300 bg-white px-3 font-mono text-xs" />
          </label>
          <div className="mt-2 flex items-center gap-3">
            <Button size="sm" onClick={copy}>
              Copy link
            </Button>
            <span role="status" className="text-sm text-emerald-800">
              {copied ? "Copied." : "Shown only now: copy it and send it to the person you invite."}
            </span>
          </div>
        </div>
      )}
      {invitations.length > 0 && (
        <table className="mt-5 w-full text-left text-sm">
          <caption className="sr-only">Invitation links</caption>
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-2 font-semibold">Role</th>
              <th className="py-2 font-semibold">Created</th>
              <th className="py-2 font-semibold">Expires</th>
              <th className="py-2 font-semibold">Status</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td className="py-2">{invitation.role}</td>
                <td className="py-2">{formatDateTime(invitation.createdAt)}</td>
                <td className="py-2">{formatDateTime(invitation.expiresAt)}</td>
                <td className="py-2">{STATUS_TEXT[invitation.status]}</td>
                <td className="py-2 text-right">
                  {invitation.status === "pending" && (
                    <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" onClick={() => revoke(invitation.id)} aria-label={`Revoke ${invitation.role} invitation created ${formatDateTime(invitation.createdAt)}`}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
