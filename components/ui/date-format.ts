/**
 * The one way the app writes a date and time: "Jan 5, 2026, 3:04 PM" (English, the reader's
 * time zone). Every list of runs, share links, members, invitations and API keys uses it.
 */
const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

/** "Jan 5, 2026, 3:04 PM". */
export function formatDateTime(value: string | number | Date): string {
  return DATE_TIME.format(new Date(value));
}

/** "just now", "5 min ago", "3 h ago" for the last day; after that the date and time as `formatDateTime` writes them. */
export function formatRecent(value: string | number | Date, now = Date.now()): string {
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return formatDateTime(value);
}
