import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Creates a graph from a built-in template through the API; returns its id. */
export async function createGraphFromTemplate(request: APIRequestContext, templateId: string, name: string): Promise<string> {
  const { templates } = await (await request.get("/api/v1/templates")).json();
  const template = templates.find((t: { id: string }) => t.id === templateId);
  const created = await request.post("/api/v1/graphs", { data: { name, graph: template.graph } });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

/** Starts a run through the API; `speed` is the simulator's speed-up factor (1 realistic, 0.5 half as fast, 0 instant). */
export async function startRun(request: APIRequestContext, graphId: string, input: string, speed: number): Promise<string> {
  const response = await request.post(`/api/v1/graphs/${graphId}/runs`, { data: { input, simulation: { speed } } });
  expect(response.status()).toBe(201);
  return (await response.json()).id;
}

/** Waits until the API reports the run ended. */
export async function waitForRunEnd(request: APIRequestContext, runId: string): Promise<string> {
  let status = "running";
  await expect
    .poll(async () => {
      status = (await (await request.get(`/api/v1/runs/${runId}`)).json()).status;
      return status;
    }, { timeout: 30_000 })
    .not.toBe("running");
  return status;
}

/** "$0.0123" → 0.0123 */
export function dollars(text: string): number {
  return Number(text.replace(/[^0-9.]/g, ""));
}

/** The live view of one run: header, canvas, trace tabs, task, result and history. */
export class RunPage {
  constructor(readonly page: Page) {}

  async goto(runId: string) {
    await this.page.goto(`/runs/${runId}`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }

  get summary(): Locator {
    return this.page.getByRole("region", { name: "Run summary" });
  }

  get status(): Locator {
    return this.summary.getByLabel(/^Status: /);
  }

  get totalCost(): Locator {
    return this.summary.getByLabel("Total cost");
  }

  /** The mark under the total cost when part of it is estimated (calls cut off before the provider reported usage). */
  get costEstimatedMark(): Locator {
    return this.summary.getByText("estimated", { exact: true });
  }

  get canvas(): Locator {
    return this.page.getByRole("region", { name: "Live graph" });
  }

  node(label: string): Locator {
    return this.canvas.getByRole("group", { name: label, exact: true });
  }

  /** A revise edge of the live graph, named like the editor's. */
  reviseEdge(from: string, to: string): Locator {
    return this.canvas.getByRole("img", { name: `Revise edge: ${from} sends work back to ${to}`, exact: true });
  }

  nodeStatus(label: string): Locator {
    return this.node(label).getByTestId("node-status");
  }

  get trace(): Locator {
    return this.page.getByRole("region", { name: "Trace" });
  }

  async openTab(name: "Timeline" | "Transcript" | "Cost") {
    await this.page.getByRole("tab", { name }).click();
    await expect(this.page.getByRole("tab", { name })).toHaveAttribute("aria-selected", "true");
  }

  /** The timeline's scrolling chart (zoom and pan act on it). */
  get timeline(): Locator {
    return this.trace.getByRole("region", { name: "Timeline chart" });
  }

  /** One lane per node that has started. */
  get timelineLanes(): Locator {
    return this.trace.getByRole("list", { name: "Timeline" }).locator(":scope > li");
  }

  /** Every instance bar on show (collapsed pools show theirs as one band, not as bars). */
  get timelineBars(): Locator {
    return this.timeline.getByRole("img", { name: /: starts at / });
  }

  /** The button that expands a pool's lane into its instances. */
  poolToggle(label: string): Locator {
    return this.timeline.getByRole("button", { name: new RegExp(`^${label}, \\d+ instances$`) });
  }

  /** A pool's instance rows in the timeline, once expanded. */
  poolRows(label: string): Locator {
    return this.timeline.getByRole("list", { name: `Instances of ${label}` }).getByRole("listitem");
  }

  /** A collapsed pool's band: its name says how many instances ran and how many at once. */
  poolBand(label: string): Locator {
    return this.timeline.getByRole("img", { name: new RegExp(`^${label}: \\d+ instances`) });
  }

  async expandPools() {
    const collapsed = this.timeline.getByRole("button", { expanded: false });
    while ((await collapsed.count()) > 0) await collapsed.first().click();
  }

  get zoomLevel(): Locator {
    return this.trace.getByLabel("Zoom level");
  }

  zoomButton(name: "Zoom in" | "Zoom out" | "Fit"): Locator {
    return this.trace.getByRole("group", { name: "Zoom" }).getByRole("button", { name, exact: true });
  }

  /** A figure the timeline shows above the chart. */
  timelineFigure(name: "Wall time" | "Summed time"): Locator {
    return this.trace.getByLabel(name, { exact: true });
  }

  /** A cell of the cost table: a node's row (or "Run total"/"Total so far") under a column. */
  async costCell(row: string, column: string): Promise<Locator> {
    const headers = await this.costTable.getByRole("columnheader").allTextContents();
    const index = headers.findIndex((h) => h.trim() === column);
    expect(index, `column ${column}`).toBeGreaterThan(0);
    // The row header is the first cell of a row; the total's spans two columns.
    const line = this.costTable.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: row, exact: true }) });
    const offset = row === "Run total" || row === "Total so far" ? 2 : 1;
    return line.getByRole("cell").nth(index - offset);
  }

  get transcriptNav(): Locator {
    return this.trace.getByRole("navigation", { name: "Nodes and instances" });
  }

  async selectNode(label: string) {
    await this.transcriptNav.getByRole("button", { name: label }).first().click();
  }

  instances(label: string): Locator {
    return this.transcriptNav.getByRole("list", { name: `Instances of ${label}` }).getByRole("button");
  }

  get transcript(): Locator {
    return this.trace.getByRole("article");
  }

  /** A figure of the open transcript ("Calls", "Wall time", …): the definition after its term. */
  transcriptFigure(term: string): Locator {
    return this.transcript.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
  }

  get response(): Locator {
    return this.transcript.getByRole("region", { name: "Response" });
  }

  get prompt(): Locator {
    return this.transcript.getByRole("region", { name: "Prompt" });
  }

  /** The per-node cost table (the panel also has one by provider and model). */
  get costTable(): Locator {
    return this.trace.getByRole("table", { name: "Cost by node" });
  }

  get history(): Locator {
    return this.page.getByRole("region", { name: "Run history" });
  }

  get result(): Locator {
    return this.page.getByRole("region", { name: "Result" });
  }

  /** "Copy result" and the result's downloads, below the answer. */
  get resultActions(): Locator {
    return this.result.getByRole("group", { name: "Take the result away" });
  }

  /** Presses "Copy result" and returns what landed on the clipboard. */
  async copyResult(): Promise<string> {
    await this.resultActions.getByRole("button", { name: "Copy result" }).click();
    await expect(this.resultActions.getByRole("status").filter({ hasText: "Copied." })).toBeVisible();
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** Clicks a download control (by its name, anywhere on the page) and returns the saved file's name and text. */
  async download(name: "Download Markdown" | "Download JSON" | "Download trace"): Promise<{ fileName: string; text: string }> {
    const control = this.page.getByRole(name === "Download trace" ? "link" : "button", { name, exact: true });
    const [download] = await Promise.all([this.page.waitForEvent("download"), control.click()]);
    expect(await download.failure()).toBeNull();
    return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  }
}

/**
 * A loopback proxy in front of the app that drops the first event stream after `dropAfter`
 * events, as a flaky network would; it records the `Last-Event-ID` of every stream request.
 */
export async function startDroppingProxy(target: string, dropAfter: number): Promise<{ url: string; lastEventIds: (string | null)[]; close(): Promise<void> }> {
  const upstream = new URL(target);
  const lastEventIds: (string | null)[] = [];
  const server = http.createServer((req, res) => {
    const stream = req.url?.includes("/events") ?? false;
    const drop = stream && lastEventIds.push((req.headers["last-event-id"] as string | undefined) ?? null) === 1;
    const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!drop) return void answer.pipe(res);
      let buffer = "";
      let sent = 0;
      const onData = (chunk: Buffer) => {
        buffer += chunk.toString("utf8");
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          res.write(block);
          if (block.startsWith("id: ") && ++sent === dropAfter) {
            answer.off("data", onData);
            // Let the browser read what was sent, then cut the connection mid-stream.
            setTimeout(() => {
              answer.destroy();
              res.socket?.destroy();
            }, 300);
            return;
          }
        }
      };
      answer.on("data", onData);
    });
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lastEventIds,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
