/**
 * The viewers of viewers-bench, in their own process so their parsing does not load the server's
 * event loop: opens `count` SSE connections to `url`, then reports over IPC, for each viewer, when
 * (epoch ms, sub-millisecond) it received each event id. Exits once every stream has ended.
 */
import http from "node:http";

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const received: Record<number, number>[] = [];
let connected = 0;
let ended = 0;

for (let viewer = 0; viewer < count; viewer++) {
  const times: Record<number, number> = {};
  received.push(times);
  http.get(url, { agent }, (response) => {
    if (++connected === count) process.send!({ type: "connected" });
    response.setEncoding("utf8");
    let tail = "";
    response.on("data", (chunk: string) => {
      const at = now();
      const text = tail + chunk;
      // Only the ids are needed: every event block starts with an "id: <seq>" line (an event's
      // text may contain "id: " too, never at the start of a line: data lines start "data: ").
      for (let i = text.indexOf("\nid: "); i !== -1; i = text.indexOf("\nid: ", i + 5)) {
        const end = text.indexOf("\n", i + 1);
        if (end === -1) break;
        times[Number(text.slice(i + 5, end))] ??= at;
      }
      tail = text.slice(Math.max(0, text.lastIndexOf("\n")));
    });
    response.on("end", () => {
      if (++ended === count) {
        process.send!({ type: "done", received }, () => process.exit(0));
      }
    });
  });
}
