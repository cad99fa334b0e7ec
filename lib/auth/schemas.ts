import { z } from "zod";
import { WORKSPACE_ROLES } from "./roles";

/** A workspace's name, as typed in the create and rename forms and sent to the API. */
export const workspaceNameSchema = z.string().trim().min(1, "Give the workspace a name.").max(80, "Keep the name under 80 characters.");
export const workspaceBody = z.object({ name: workspaceNameSchema });
export const switchWorkspaceBody = z.object({ workspaceId: z.string().min(1).max(100) });

export const workspaceRoleSchema = z.enum(WORKSPACE_ROLES);
export const memberRoleBody = z.object({ role: workspaceRoleSchema });

/** Invitation links live 1 to 30 days; 7 unless the owner says otherwise. */
export const invitationBody = z.object({
  role: workspaceRoleSchema,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export const acceptInvitationBody = z.object({ token: z.string().min(1).max(200) });
