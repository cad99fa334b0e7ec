import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";

/**
 * The address at the other end of a request's TCP connection (its "peer").
 *
 * Next.js hands route handlers a web `Request` and no socket: `request.ip` is gone since
 * Next 15, and `next start` only fills `X-Forwarded-For` from the socket when the client did
 * not send one, so a client that sends its own hides its address. So, once at start
 * (instrumentation.ts), we wrap the HTTP server's `emit("request")`, as OpenTelemetry's HTTP
 * instrumentation does, and stamp every incoming request with its socket address in a
 * header of our own. The stamp carries a per-process secret: a client can send the header
 * but cannot forge it, and requests that reached the server before the wrapper was in place
 * (during start-up) read as "peer unknown" instead of trusting whatever they said.
 */

const PEER_HEADER = "x-tierflow-peer";
const PATCHED = Symbol.for("tierflow.peerAddressStamp");

const globalForPeer = globalThis as unknown as { tierflowPeerSecret?: string };
// On globalThis: instrumentation and route handlers are bundled apart but share one process.
const stampSecret = () => (globalForPeer.tierflowPeerSecret ??= randomBytes(18).toString("base64url"));

type HeaderBag = Headers | http.IncomingHttpHeaders;

/** Writes the peer stamp onto a request's headers, replacing whatever the client sent. */
export function stampPeerAddress(headers: HeaderBag, address: string | undefined): void {
  const value = address ? `${stampSecret()} ${address}` : undefined;
  if (headers instanceof Headers) {
    if (value) headers.set(PEER_HEADER, value);
    else headers.delete(PEER_HEADER);
  } else if (value) headers[PEER_HEADER] = value;
  else delete headers[PEER_HEADER];
}

/** The socket address of a request stamped at the server, or null when it carries no valid stamp. */
export function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  const space = value?.indexOf(" ") ?? -1;
  if (!value || space < 0 || value.slice(0, space) !== stampSecret()) return null;
  return value.slice(space + 1) || null;
}

/** Installs the stamp on every HTTP(S) server of this process; safe to call more than once. */
export function installPeerAddressStamp(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<PropertyKey, unknown> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
    if (proto[PATCHED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        stampPeerAddress(request.headers, request.socket?.remoteAddress);
      }
      return emit.call(this, event, ...args);
    };
    proto[PATCHED] = true;
  }
}
