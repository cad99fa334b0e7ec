export * from "./catalog";
export * from "./cost";
export * from "./client";
export {
  createSimulator,
  delayScale,
  isSimSpeed,
  SIM_SPEED,
  SIMULATED_HEADER,
  simSpeedFromEnv,
  TIER_LATENCY,
  type LatencyProfile,
  type Simulator,
  type SimulatorOptions,
} from "./simulator";
