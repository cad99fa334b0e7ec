import type OpenAI from "openai";
import type { ResolvedModel } from "@/lib/models/catalog";
import { createAdapter, SIMULATOR_COMPAT, type ProviderAdapter } from "@/lib/models/providers";
import type { EngineClock, EngineContext } from "./context";
import { NodeError } from "./errors";

/** A provider as a run uses it: its client and adapter, and until when its rate limit holds calls back. */
export interface ProviderRoute {
  label: string;
  client: OpenAI;
  adapter: ProviderAdapter;
  /** The wait for this provider's rate-limit pause to end, or null when none is on (no await on the hot path); other providers' calls never wait here. */
  ready(clock: EngineClock, signal: AbortSignal): Promise<void> | null;
  /** A 429 asked this provider's callers to hold off for `ms`. */
  pause(clock: EngineClock, ms: number): void;
}

/** `client` is read on each call, so an endpoint may build its client on first use. */
function route(label: string, endpoint: { readonly client: OpenAI }, adapter: ProviderAdapter): ProviderRoute {
  let pausedUntil = 0;
  return {
    label,
    get client() {
      return endpoint.client;
    },
    adapter,
    ready(clock, signal) {
      const wait = pausedUntil - clock.now();
      return wait > 0 ? clock.sleep(wait, signal) : null;
    },
    pause(clock, ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
    },
  };
}

const FULL_ADAPTER = createAdapter(SIMULATOR_COMPAT);

/**
 * The providers of one run: each model call goes to its model's provider (`ModelInfo.provider`),
 * a model naming none to the default one. Rate-limit pauses are kept per provider, so a 429
 * from one vendor slows only the calls to that vendor.
 */
export class ProviderRoutes {
  private readonly fallback: ProviderRoute;
  private readonly byId = new Map<string, ProviderRoute>();

  constructor(ctx: Pick<EngineContext, "client" | "providerLabel" | "providers" | "simulated">) {
    this.fallback = route(ctx.providerLabel ?? (ctx.simulated ? "Simulator" : "OpenAI"), { client: ctx.client }, FULL_ADAPTER);
    for (const [id, endpoint] of Object.entries(ctx.providers ?? {})) {
      this.byId.set(id, route(endpoint.label, endpoint, endpoint.adapter ?? FULL_ADAPTER));
    }
  }

  /** The provider serving this model; a provider id the run was not given fails the node, naming it. */
  for(model: ResolvedModel): ProviderRoute {
    const id = model.info?.provider;
    if (id === undefined) return this.fallback;
    const found = this.byId.get(id);
    if (!found) throw new NodeError(`The model ${model.id} is mapped to a provider that no longer exists (${id}). Map it to another provider in Settings → Providers.`);
    return found;
  }
}
