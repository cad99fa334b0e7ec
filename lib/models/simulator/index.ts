export { createSimulator, type Simulator, type SimulatorOptions } from "./simulator";
export { TIER_LATENCY, type LatencyProfile } from "./latency";
export { SIMULATED_HEADER } from "./faults";
export { parseDirectives, type Directives } from "./directives";
export { SIM_SPEED, delayScale, isSimSpeed, simSpeedFromEnv } from "./speed";
