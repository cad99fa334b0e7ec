/**
 * The viewers of viewers-bench, in their own process so their parsing does not load the server's
 * event loop: opens `count` SSE connections to `url`, then reports over IPC, for each viewer, when
 * (epoch ms, sub-millisecond) it received each event id, and the CPU time this process spent from
 * when all were connected. Exits once every stream has ended.
 *
 * Each viewer is a bare TCP socket speaking HTTP/1.1 and the time is taken at the socket read:
 * Node's HTTP client (parser, stream, string decoding) costs a 2-core machine more than the server's
 * write does, and the lag measured should be the server's, not this process's queue of sockets.
 */
import net from "node:net";

const [url, countText] = process.argv.slice(2);
const count = Number(countText);
const { hostname, port, pathname, search } = new URL(url);
const request = `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`;
const now = () => performance.timeOrigin + performance.now();
const ID = Buffer.from("\nid: ");
const NEWLINE = 0x0a;
const LAST_CHUNK = Buffer.from("0\r\n\r\n");
const received: Record<number, number>[] = [];
let connected = 0;
let ended = 0;
let connectedCpu: NodeJS.CpuUsage | undefined;

for (let viewer = 0; viewer < count; viewer++) {
  const times: Record<number, number> = {};
  received.push(times);
  let tail: Buffer | null = null;
  let headed = false;
  let done = false;
  let previousEnd = Buffer.alloc(0);
  const socket = net.connect(Number(port), hostname, () => socket.write(request));
  socket.on("data", (data: Buffer) => {
    const at = now();
    const bytes = tail ? Buffer.concat([tail, data]) : data;
    if (!headed) {
      headed = true;
      if (!bytes.subarray(0, 12).toString("latin1").startsWith("HTTP/1.1 200")) throw new Error(`viewer ${viewer}: ${bytes.subarray(0, 60).toString()}`);
      if (++connected === count) {
        connectedCpu = process.cpuUsage();
        process.send!({ type: "connected" });
      }
    }
    // Every event block starts with an "id: <seq>" line, after the blank line ending the one before
    // or the line of an HTTP chunk's size; an event's text never puts "id: " at a line start.
    let last = -1;
    for (let i = bytes.indexOf(ID); i !== -1; i = bytes.indexOf(ID, i + ID.length)) {
      const end = bytes.indexOf(NEWLINE, i + ID.length);
      if (end === -1) break;
      times[Number(bytes.toString("latin1", i + ID.length, end))] ??= at;
      last = end;
    }
    // Keeps an id line cut by the end of this read (a read always ends a block: no other text to keep).
    const cut = bytes.lastIndexOf(NEWLINE);
    tail = cut > last && bytes.length - cut < 64 ? bytes.subarray(cut) : null;
    // The last chunk of a chunked body: the stream has ended (the connection is kept alive).
    // Every chunk ends with CRLF, so the last one, "0\r\n\r\n", starts a read or follows a LF.
    // Under load it can arrive split over two reads: look at the end of the last read too.
    const ending = Buffer.concat([previousEnd, bytes.subarray(-(LAST_CHUNK.length + 1))]);
    previousEnd = ending.subarray(-(LAST_CHUNK.length + 1));
    const from = ending.length - LAST_CHUNK.length;
    if (from >= 0 && ending.subarray(from).equals(LAST_CHUNK) && (from === 0 || ending[from - 1] === NEWLINE)) {
      done = true;
      socket.destroy();
      end();
    }
  });
  socket.on("error", (error) => {
    throw error;
  });
  const end = () => {
    if (++ended !== count) return;
    const { user, system } = process.cpuUsage(connectedCpu);
    process.send!({ type: "done", received, cpuMs: (user + system) / 1000 }, () => process.exit(0));
  };
  socket.on("end", () => {
    if (!done) throw new Error(`viewer ${viewer}: the connection closed before the stream ended`);
  });
}
