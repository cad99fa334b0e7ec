"use client";

import { useRouter } from "next/navigation";
import { accountApi } from "./account-api";
import { WorkspaceNameForm } from "./workspace-name-form";

/** Creates a workspace (the API makes it the active one) and opens it. */
export function CreateWorkspaceForm() {
  const router = useRouter();
  return (
    <WorkspaceNameForm
      submitLabel="Create workspace"
      busyLabel="Creating…"
      onSave={accountApi.createWorkspace}
      onSaved={() => {
        router.push("/");
        router.refresh();
      }}
    />
  );
}
