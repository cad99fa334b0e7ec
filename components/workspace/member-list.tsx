"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { Dialog } from "@/components/ui/dialog";
import { useHydrated } from "@/components/ui/use-hydrated";
import { accountApi, type Member, type WorkspaceRole } from "./account-api";

const ROLES: readonly WorkspaceRole[] = ["owner", "editor", "viewer"];

/**
 * The workspace's members. Owners change roles and remove people; everyone may leave. The
 * server keeps at least one owner and says so (409) when asked otherwise; that message shows here.
 */
export function MemberList({ members, myRole, myUserId }: { members: Member[]; myRole: WorkspaceRole; myUserId: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const owner = myRole === "owner";
  const hydrated = useHydrated();

  const changeRole = async (member: Member, role: WorkspaceRole) => {
    setBusyId(member.id);
    setError(null);
    const result = await accountApi.changeRole(member.id, role);
    setBusyId(null);
    if (!result.ok) return setError(result.error.message);
    // Stepping down changes what this page may show: reload it all.
    if (member.userId === myUserId) window.location.reload();
    else router.refresh();
  };

  const remove = async (member: Member) => {
    setError(null);
    const result = await accountApi.removeMember(member.id);
    setRemoving(null);
    if (!result.ok) return setError(result.error.message);
    if (member.userId === myUserId) router.push("/");
    router.refresh();
  };

  return (
    // The page's own heading says "Members"; a second one here read as a stutter.
    <section aria-label="Members">
      {error && (
        <p role="alert" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <ul aria-label="Members" className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {members.map((member) => {
          const me = member.userId === myUserId;
          return (
            <li key={member.id} aria-label={member.name} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {member.name} {me && <span className="text-sm font-normal text-slate-500">(you)</span>}
                </p>
                <p className="text-sm text-slate-500">
                  {member.email} · joined <time dateTime={member.joinedAt}>{formatDateTime(member.joinedAt)}</time>
                </p>
              </div>
              {owner ? (
                <select
                  aria-label={`Role of ${member.name}`}
                  value={member.role}
                  disabled={!hydrated || busyId === member.id}
                  onChange={(event) => changeRole(member, event.target.value as WorkspaceRole)}
                  className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="text-sm text-slate-600">{member.role}</span>
              )}
              {(owner || me) && (
                <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" disabled={!hydrated} onClick={() => setRemoving(member)} aria-label={me ? "Leave workspace" : `Remove ${member.name}`}>
                  {me ? "Leave" : "Remove"}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={removing?.userId === myUserId ? "Leave this workspace?" : `Remove ${removing?.name ?? ""}?`}
        description={removing?.userId === myUserId ? "You will lose access to its graphs and runs until someone invites you again." : "They lose access to this workspace's graphs and runs."}
      >
        <div className="flex justify-end gap-2">
          <Button onClick={() => setRemoving(null)}>Cancel</Button>
          <Button variant="danger" onClick={() => removing && remove(removing)}>
            {removing?.userId === myUserId ? "Leave workspace" : "Remove member"}
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
