import Link from "next/link";

/**
 * Shown instead of a graph or a run whose stored document this version of Tierflow cannot
 * read (the API's `unreadable_document`): what happened, why, and what can be done.
 */
export function UnreadableDocument({
  title,
  reason,
  advice,
  back,
}: {
  title: string;
  /** The error's message: says which document and the first problem found. */
  reason: string;
  advice: string;
  back?: { href: string; label: string };
}) {
  return (
    <main className="mx-auto max-w-2xl px-5 py-16">
      <section role="alert" aria-labelledby="unreadable-title" className="rounded-xl border border-red-200 bg-red-50 p-6">
        <h1 id="unreadable-title" className="text-lg font-semibold text-red-900">
          {title}
        </h1>
        <p className="mt-2 text-sm text-red-800">{reason}</p>
        <p className="mt-3 text-sm text-slate-700">{advice}</p>
        {back && (
          <Link href={back.href} className="mt-4 inline-block text-sm font-medium text-slate-900 underline">
            {back.label}
          </Link>
        )}
      </section>
    </main>
  );
}
