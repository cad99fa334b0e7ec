import OpenAI, { type ClientOptions } from "openai";
import { createSimulator, type SimulatorOptions } from "./simulator";

/** Where model calls go: an OpenAI-compatible server's key and base URL. */
export interface ProviderConfig {
  apiKey?: string;
  baseURL?: string;
  /**
   * The HTTP client for calls to `baseURL`, when it is not the platform's `fetch`: a base URL
   * a workspace chose gets the outbound guard's, so it cannot reach private addresses.
   */
  fetch?: ClientOptions["fetch"];
}

/**
 * The provider from `OPENAI_API_KEY` and `OPENAI_BASE_URL`; blank values count as unset. The
 * operator set these, so they may point anywhere (a vLLM on the LAN): no outbound guard.
 */
export function providerFromEnv(env: Record<string, string | undefined> = process.env): ProviderConfig {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseURL = env.OPENAI_BASE_URL?.trim();
  return { ...(apiKey ? { apiKey } : {}), ...(baseURL ? { baseURL } : {}) };
}

export interface ModelClientOptions extends ProviderConfig {
  /** Options for the built-in simulator, used when no API key is given. */
  simulator?: SimulatorOptions;
}

/** An SDK client and whether it talks to the built-in simulator (the UI must say so). */
export interface ModelClient {
  client: OpenAI;
  simulated: boolean;
}

/** Base URL the simulated client reports; requests never leave the process. */
export const SIMULATOR_BASE_URL = "http://simulator.local/v1";

/**
 * The `openai` SDK client for runs: the real provider when an API key is set, otherwise the
 * built-in simulator plugged into the same client through its `fetch` option, so both share one
 * code path. SDK retries are off: the engine retries itself so it can report each attempt.
 */
export function createModelClient(opts: ModelClientOptions = {}): ModelClient {
  if (opts.apiKey) {
    return {
      client: new OpenAI({
        apiKey: opts.apiKey,
        ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        maxRetries: 0,
      }),
      simulated: false,
    };
  }
  const simulator = createSimulator(opts.simulator);
  return {
    client: new OpenAI({
      apiKey: "simulator",
      baseURL: SIMULATOR_BASE_URL,
      organization: null,
      project: null,
      fetch: simulator.fetch,
      maxRetries: 0,
    }),
    simulated: true,
  };
}
