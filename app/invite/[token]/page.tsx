import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";
import { previewInvitation, type InvitationStatus } from "@/lib/auth/invitations";
import { sessionUser } from "@/lib/auth/workspace-access";
import { ensureDatabase } from "@/lib/db";
import { indefiniteArticle } from "@/lib/graph/text";
import { JoinWorkspaceButton } from "@/components/auth/join-workspace-button";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
// The token is a credential: keep the page out of indexes and its address out of Referer headers.
export const metadata: Metadata = { title: "Invitation", robots: { index: false }, referrer: "no-referrer" };

const WHY_INVALID: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "It was already used: each link lets one person join.",
  revoked: "An owner of the workspace revoked it.",
  expired: "It has expired.",
};

function Frame({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-5 py-10">
      <p className="mb-8 flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="grid size-7 place-items-center rounded-md bg-slate-900 text-xs font-bold text-white">
          Tf
        </span>
        Tierflow
      </p>
      {children}
    </main>
  );
}

/** An invitation link: sign in or up first (and come back here), then join the workspace with the link's role. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await ensureDatabase();
  const [invitation, user] = await Promise.all([previewInvitation(token), sessionUser(await headers())]);

  const invalid = !invitation ? "It does not match any invitation." : invitation.status === "pending" ? null : WHY_INVALID[invitation.status];
  if (!invitation || invalid) {
    return (
      <Frame>
        <h1 className="text-2xl font-semibold tracking-tight">This invitation link is no longer valid</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invalid} Ask an owner of the workspace for a new link.
        </p>
        <Link href="/" className={buttonClass("secondary", "md", "mt-6 self-start")}>
          Go to Tierflow
        </Link>
      </Frame>
    );
  }

  const back = encodeURIComponent(`/invite/${token}`);
  return (
    <Frame>
      <h1 className="text-2xl font-semibold tracking-tight">Join {invitation.workspaceName}</h1>
      <p className="mt-2 mb-6 text-sm text-slate-600">
        You are invited to join the workspace <strong>{invitation.workspaceName}</strong> as {indefiniteArticle(invitation.role)} <strong>{invitation.role}</strong>.
      </p>
      {user ? (
        <>
          <p className="mb-4 text-sm text-slate-600">
            Signed in as {user.name} ({user.email}).
          </p>
          <JoinWorkspaceButton token={token} label={`Join ${invitation.workspaceName} as ${invitation.role}`} />
        </>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">Sign in or create an account to accept; you will come back here.</p>
          <div className="flex gap-3">
            <Link href={`/sign-up?next=${back}`} className={buttonClass("primary")}>
              Create an account
            </Link>
            <Link href={`/sign-in?next=${back}`} className={buttonClass("secondary")}>
              Sign in
            </Link>
          </div>
        </>
      )}
    </Frame>
  );
}
