import { z } from "zod";
import { WORKSPACE_ROLES } from "./roles";

/** A workspace's name, as typed in the create and rename forms and sent to the API. */
export const workspaceNameSchema = z.string().trim().min(1, "Give the workspace a name.").max(80, "Keep the name under 80 characters.");
export const workspaceBody = z.object({ name: workspaceNameSchema });
export const switchWorkspaceBody = z.object({ workspaceId: z.string().min(1).max(100) });
/** The query of `GET …/workspaces/current/switch`: a link into another of my workspaces switches there, then goes on to `next`. */
export const switchWorkspaceQuery = switchWorkspaceBody.extend({ next: z.string().max(2000).optional() });
/** Deleting a workspace: its name, typed again, so neither a slip nor a stale tab deletes the wrong one. */
export const deleteWorkspaceBody = z.object({ confirmName: z.string().max(200) });

/** A person's display name, as sign-up and the account page take it. */
export const displayNameSchema = z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters.");
export const accountBody = z.object({ name: displayNameSchema });
/** Password limits match better-auth's configuration in lib/auth/auth.ts. */
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(128),
  newPassword: z.string().min(8, "Use at least 8 characters.").max(128, "Use at most 128 characters."),
});

export const workspaceRoleSchema = z.enum(WORKSPACE_ROLES);
export const memberRoleBody = z.object({ role: workspaceRoleSchema });

/** Invitation links live 1 to 30 days; 7 unless the owner says otherwise. */
export const invitationBody = z.object({
  role: workspaceRoleSchema,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export const acceptInvitationBody = z.object({ token: z.string().min(1).max(200) });
