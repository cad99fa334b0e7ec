// Lint fixture (lib/lint-boundaries.test.ts): the other half of the cycle.
import { a } from "./cycle-a";

export const b = () => (a.length > 0 ? 0 : 1);
