import { withWorkspace, type GuardedContext } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { memberRoleBody } from "@/lib/auth/schemas";
import { changeMemberRole, removeMember, type MemberActor } from "@/lib/auth/workspace-membership";

type Params = { id: string };

// API keys act for no one in particular: they may neither leave nor manage members.
const actorOf = ({ access }: GuardedContext<Params>): MemberActor => ({ userId: access.user?.id ?? "", role: access.user ? access.role : "viewer" });

/** `PATCH /api/v1/members/:id` `{ role }`: owners change a member's role; the last owner stays an owner (409). */
export const PATCH = withWorkspace<Params>(
  async (ctx) => {
    const { role } = await readJson(ctx.request, memberRoleBody);
    return json(await changeMemberRole(ctx.access.workspace.id, ctx.params.id, role, actorOf(ctx)));
  },
  { minRole: "owner" },
);

/** `DELETE /api/v1/members/:id`: owners remove members, anyone leaves (their own id); never the last owner (409). */
export const DELETE = withWorkspace<Params>(async (ctx) => {
  await removeMember(ctx.access.workspace.id, ctx.params.id, actorOf(ctx));
  return new Response(null, { status: 204 });
});
