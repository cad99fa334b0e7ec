import { readdirSync } from "node:fs";
import path from "node:path";

/** Every `route.ts` below `dir`: the route tables in the isolation and OpenAPI tests are checked against these. */
export function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}
