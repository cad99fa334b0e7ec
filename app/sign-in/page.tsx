import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNext } from "@/lib/auth/safe-next";
import { sessionUser } from "@/lib/auth/workspace-access";
import { ensureDatabase } from "@/lib/db";
import { AuthForm } from "@/components/auth/auth-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = safeNext((await searchParams).next);
  await ensureDatabase();
  // Signed in already: nothing to do here.
  if (await sessionUser(await headers())) redirect(next);
  return <AuthForm mode="sign-in" next={next} />;
}
