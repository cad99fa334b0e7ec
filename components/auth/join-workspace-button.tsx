"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ErrorText } from "@/components/ui/error-text";
import { useHydrated } from "@/components/ui/use-hydrated";
import { accountApi } from "@/components/workspace/account-api";

/** Accepts the invitation; the server makes the workspace active, so the graph list that follows is theirs. */
export function JoinWorkspaceButton({ token, label }: { token: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();

  const openWorkspace = () => {
    router.push("/");
    router.refresh();
  };
  const [error, setError] = useState<string | null>(null);

  const join = async () => {
    setBusy(true);
    setError(null);
    const result = await accountApi.acceptInvitation(token);
    if (result.ok) return openWorkspace();
    setBusy(false);
    setError(result.error.message);
  };

  return (
    <div className="space-y-3">
      <Button variant="primary" onClick={join} disabled={busy || !hydrated}>
        {busy ? "Joining…" : label}
      </Button>
      <ErrorText message={error} />
    </div>
  );
}
