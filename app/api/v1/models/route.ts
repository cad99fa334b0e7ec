import { withWorkspace } from "@/lib/api/guard";
import { json } from "@/lib/api/respond";
import { DEFAULT_CATALOG, providerFromEnv } from "@/lib/models";

export const GET = withWorkspace(async () =>
  json({ simulated: !providerFromEnv().apiKey, tiers: DEFAULT_CATALOG.tiers, models: Object.values(DEFAULT_CATALOG.models) }),
);
