export * from "./catalog";
export * from "./cost";
export * from "./client";
export { createSimulator, SIMULATED_HEADER, TIER_LATENCY, type LatencyProfile, type Simulator, type SimulatorOptions } from "./simulator";
