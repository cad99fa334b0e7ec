import type { Role } from "@/lib/graph";

/** Tailwind classes per role, from the theme colours in app/globals.css. */
export const ROLE_STYLE: Record<Role, { text: string; tint: string; stripe: string; ring: string; border: string }> = {
  planner: { text: "text-planner", tint: "bg-planner/10", stripe: "bg-planner", ring: "ring-planner/40", border: "border-planner" },
  executor: { text: "text-executor", tint: "bg-executor/10", stripe: "bg-executor", ring: "ring-executor/40", border: "border-executor" },
  reviewer: { text: "text-reviewer", tint: "bg-reviewer/10", stripe: "bg-reviewer", ring: "ring-reviewer/40", border: "border-reviewer" },
  approval: { text: "text-approval", tint: "bg-approval/10", stripe: "bg-approval", ring: "ring-approval/40", border: "border-approval" },
};

/** Role colours as values, for SVG fills such as the minimap's. */
export const ROLE_COLOR: Record<Role, string> = { planner: "#7c3aed", executor: "#0284c7", reviewer: "#d97706", approval: "#db2777" };
