import { tierFromModelId } from "../catalog";

/**
 * Whether the simulator bills hidden reasoning for a model: only on the flagship tier (by name),
 * a simplification; the catalog says which real models reason (`ModelInfo.reasoning`). Its own
 * file so cost estimates can ask without loading the simulator.
 */
export function simulatorReasons(model: string): boolean {
  return tierFromModelId(model) === "flagship";
}
