import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { pageAccess } from "@/lib/auth/page-access";
import { workspaceModels } from "@/lib/workspaces/provider";
import { DisplayNameForm, PasswordForm } from "@/components/workspace/account-forms";
import { AppHeader } from "@/components/workspace/app-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

/** The signed-in person's own settings: display name and password (workspace settings live under /settings). */
export default async function AccountPage() {
  const access = await pageAccess("/account");
  const { simulated } = await workspaceModels(access.workspace.id);
  const user = access.user;
  // An API key is no person: only a signed-in session has an account page.
  if (!user) redirect("/sign-in?next=%2Faccount");
  return (
    <div className="min-h-screen">
      <AppHeader workspaceName={access.workspace.name} simulated={simulated} />
      <main className="mx-auto max-w-2xl space-y-10 px-5 py-10">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Account</h1>
          <p className="mt-1 text-sm text-slate-600">
            Signed in as <strong>{user.email}</strong>.
          </p>
        </div>
        <section aria-labelledby="name-heading" className="space-y-3">
          <h2 id="name-heading" className="text-lg font-semibold">
            Display name
          </h2>
          <p className="text-sm text-slate-600">How teammates see you in member lists.</p>
          <DisplayNameForm name={user.name} />
        </section>
        <section aria-labelledby="password-heading" className="space-y-3 border-t border-slate-200 pt-8">
          <h2 id="password-heading" className="text-lg font-semibold">
            Password
          </h2>
          <PasswordForm />
        </section>
      </main>
    </div>
  );
}
