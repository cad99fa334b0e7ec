// Lint fixture (lib/lint-boundaries.test.ts): half of an import cycle. Not linted by `eslint .`.
import { b } from "./cycle-b";

export const a = () => b() + 1;
