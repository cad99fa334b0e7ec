import type { Role } from "@/lib/graph";

const PATHS: Record<Role, React.ReactNode> = {
  // A tree: one task splitting into branches.
  planner: (
    <>
      <rect x="9" y="2.5" width="6" height="5" rx="1" />
      <rect x="2.5" y="16.5" width="6" height="5" rx="1" />
      <rect x="15.5" y="16.5" width="6" height="5" rx="1" />
      <path d="M12 7.5v4.5M5.5 16.5V12h13v4.5" />
    </>
  ),
  // A lightning bolt: doing the work.
  executor: <path d="M13 2.5 4.5 13.5H12l-1 8 8.5-11H12z" />,
  // A shield with a check: judging the work.
  reviewer: (
    <>
      <path d="M12 2.5 4.5 5.5v6c0 4.6 3.2 8.3 7.5 10 4.3-1.7 7.5-5.4 7.5-10v-6z" />
      <path d="m8.5 12 2.5 2.5 4.5-5" />
    </>
  ),
  // A pause sign: the run waits for a person.
  approval: (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <path d="M9.5 8.5v7M14.5 8.5v7" />
    </>
  ),
};

/** The role's pictogram; decorative (the role's name is always written next to it). */
export function RoleIcon({ role, className = "size-4" }: { role: Role; className?: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {PATHS[role]}
    </svg>
  );
}
