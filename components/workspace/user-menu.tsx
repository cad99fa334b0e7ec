"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { accountApi, type MyWorkspaces } from "./account-api";
import { HeaderMenu, menuItemClass } from "./header-menu";
import { initials } from "./initials";

/** The header's account menu, its button showing the signed-in person's initials: who is signed in, and "Sign out". */
export function UserMenu() {
  const router = useRouter();
  const [user, setUser] = useState<MyWorkspaces["user"]>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    const result = await accountApi.workspaces();
    if (result.ok) setUser(result.value.user);
  };

  // The avatar needs the name before the menu is ever opened.
  useEffect(() => {
    let live = true;
    void accountApi.workspaces().then((result) => {
      if (live && result.ok) setUser(result.value.user);
    });
    return () => {
      live = false;
    };
  }, []);

  const signOut = async () => {
    setError(null);
    const result = await accountApi.signOut();
    if (!result.ok) return setError(result.error.message);
    router.replace("/sign-in");
    router.refresh();
  };

  return (
    <HeaderMenu label="Account" align="right" onOpen={load} button={<span aria-hidden className="grid size-6 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700">{user ? initials(user.name) : "•"}</span>}>
      {user && (
        <p className="px-2.5 py-1.5">
          <span className="block font-medium text-slate-900">{user.name}</span>
          <span className="block text-xs text-slate-500">{user.email}</span>
        </p>
      )}
      {error && (
        <p role="alert" className="px-2.5 py-1.5 text-red-700">
          {error}
        </p>
      )}
      <Link href="/account" className={menuItemClass}>
        Account settings
      </Link>
      <button type="button" className={menuItemClass} onClick={signOut}>
        Sign out
      </button>
    </HeaderMenu>
  );
}
