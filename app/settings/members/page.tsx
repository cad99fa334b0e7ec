import type { Metadata } from "next";
import { listInvitations } from "@/lib/auth/invitations";
import { pageAccess } from "@/lib/auth/page-access";
import { listMembers } from "@/lib/auth/workspace-membership";
import { InvitationPanel } from "@/components/workspace/invitation-panel";
import { MemberList } from "@/components/workspace/member-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Members" };

/** Members and their roles for everyone; invitations for owners. */
export default async function MembersSettingsPage() {
  const access = await pageAccess("/settings/members");
  const owner = access.can("owner");
  const [members, invitations] = await Promise.all([listMembers(access.workspace.id), owner ? listInvitations(access.workspace.id) : []]);
  return (
    <div className="space-y-10">
      <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
      <MemberList members={members} myRole={access.role} myUserId={access.user?.id ?? null} />
      {owner && <InvitationPanel invitations={invitations} />}
    </div>
  );
}
