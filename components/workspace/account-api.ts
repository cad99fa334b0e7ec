import type { InvitationSummary } from "@/lib/auth/invitations";
import type { WorkspaceRole } from "@/lib/auth/roles";
import type { Member, MyWorkspace } from "@/lib/auth/workspace-membership";
import { call } from "./graph-api";

export type { InvitationSummary, Member, MyWorkspace, WorkspaceRole };

/** What `GET /api/v1/workspaces` answers. */
export interface MyWorkspaces {
  activeWorkspaceId: string;
  user: { id: string; name: string; email: string } | null;
  workspaces: MyWorkspace[];
}

/** Workspaces, members and invitations, for client components. */
export const accountApi = {
  workspaces: () => call<MyWorkspaces>("GET", "/api/v1/workspaces"),
  createWorkspace: (name: string) => call<MyWorkspace>("POST", "/api/v1/workspaces", { name }),
  renameWorkspace: (name: string) => call<MyWorkspace>("PATCH", "/api/v1/workspaces/current", { name }),
  switchWorkspace: (workspaceId: string) => call<MyWorkspace>("POST", "/api/v1/workspaces/current/switch", { workspaceId }),
  changeRole: (memberId: string, role: WorkspaceRole) => call<Member>("PATCH", `/api/v1/members/${encodeURIComponent(memberId)}`, { role }),
  removeMember: (memberId: string) => call<void>("DELETE", `/api/v1/members/${encodeURIComponent(memberId)}`),
  invitations: () => call<{ invitations: InvitationSummary[] }>("GET", "/api/v1/invitations"),
  invite: (role: WorkspaceRole) => call<{ invitation: InvitationSummary; token: string; path: string; url: string }>("POST", "/api/v1/invitations", { role }),
  revokeInvitation: (id: string) => call<InvitationSummary>("DELETE", `/api/v1/invitations/${encodeURIComponent(id)}`),
  acceptInvitation: (token: string) => call<{ workspaceId: string; role: WorkspaceRole; joined: boolean }>("POST", "/api/v1/invitations/accept", { token }),
  deleteWorkspace: (confirmName: string) => call<void>("DELETE", "/api/v1/workspaces/current", { confirmName }),
  changeName: (name: string) => call<{ id: string; name: string; email: string }>("PATCH", "/api/v1/account", { name }),
  changePassword: (currentPassword: string, newPassword: string) => call<void>("POST", "/api/v1/account/password", { currentPassword, newPassword }),
  signOut: () => call<unknown>("POST", "/api/auth/sign-out", {}),
};
