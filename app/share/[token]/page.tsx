import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getSharedRun, type SharedRun } from "@/lib/runs";
import { UnreadableDocument } from "@/components/ui/unreadable-document";
import { SharedRunClient } from "./shared-run-client";

export const dynamic = "force-dynamic";

// A share link is for the people it was sent to: never indexed, and its token never leaks
// through the Referer of a link followed from the page.
export const metadata: Metadata = {
  title: "Shared run",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { params: Promise<{ token: string }> };

/** The shared run, a 404 page, or (as a string) why its graph snapshot cannot be read. */
async function loadSharedRun(token: string): Promise<SharedRun | string> {
  await ensureDatabase();
  try {
    return await getSharedRun(token);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "unreadable_document") return error.message;
    throw error;
  }
}

/** A run seen through a share link: no account, read-only, live while the run goes on. */
export default async function SharedRunPage({ params }: Props) {
  const { token } = await params;
  const run = await loadSharedRun(token);
  if (typeof run === "string") {
    return (
      <UnreadableDocument
        title="This run can’t be shown"
        reason={run}
        advice="The run itself is kept unchanged. Let the person who shared this link know: the Tierflow server that holds it needs updating to show it."
      />
    );
  }
  return <SharedRunClient token={token} run={run} />;
}
