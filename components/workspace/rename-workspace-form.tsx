"use client";

import { useRouter } from "next/navigation";
import { accountApi } from "./account-api";
import { WorkspaceNameForm } from "./workspace-name-form";

/** The owner's rename form on the General settings page; the header picks the new name up on refresh. */
export function RenameWorkspaceForm({ name }: { name: string }) {
  const router = useRouter();
  return <WorkspaceNameForm initialName={name} submitLabel="Save name" busyLabel="Saving…" onSave={accountApi.renameWorkspace} onSaved={() => router.refresh()} />;
}
