"use client";

import dynamic from "next/dynamic";
// Scalar's styles are scoped to its own root (.scalar-app) and load with this page only.
import "@scalar/api-reference-react/style.css";

// Scalar renders in the browser only (a Vue app inside); it is bundled from npm, so the page needs no network beyond this server.
const ApiReferenceReact = dynamic(() => import("@scalar/api-reference-react").then((m) => m.ApiReferenceReact), {
  ssr: false,
  loading: () => <p className="p-8 text-sm text-slate-500">Loading the API reference…</p>,
});

/** The interactive reference of `/api/v1`, read from the served OpenAPI document; "Test request" calls this server with the session. */
export function ApiReference({ documentUrl }: { documentUrl: string }) {
  return (
    <ApiReferenceReact
      configuration={{
        url: documentUrl,
        // Nothing leaves for third parties: no web fonts, telemetry, AI agent or MCP helpers, no request proxy.
        withDefaultFonts: false,
        telemetry: false,
        agent: { disabled: true },
        mcp: { disabled: true },
        showDeveloperTools: "never",
        hideDarkModeToggle: true,
        forceDarkModeState: "light",
        documentDownloadType: "json",
        // Some forty operations: all of them on one page, found by scrolling or the sidebar.
        defaultOpenAllTags: true,
        defaultHttpClient: { targetKey: "shell", clientKey: "curl" },
        authentication: { preferredSecurityScheme: "apiKey" },
        customCss: ".scalar-app { --scalar-custom-header-height: 3.5rem; --scalar-font: var(--font-sans, ui-sans-serif, system-ui, sans-serif); }",
      }}
    />
  );
}
