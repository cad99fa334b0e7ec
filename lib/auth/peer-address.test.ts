import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPeerAddressStamp, peerAddress, stampPeerAddress } from "./peer-address";

// A real HTTP server, as `next start` runs one: what does a handler learn about the socket?
let server: http.Server;
let base = "";

beforeAll(async () => {
  installPeerAddressStamp();
  installPeerAddressStamp(); // twice is harmless
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    res.end(JSON.stringify({ peer: peerAddress(headers) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("peer address stamp", () => {
  it("tells the handler the socket's address, whatever the client claims", async () => {
    const response = await fetch(base, { headers: { "x-tierflow-peer": "forged 203.0.113.9", "x-forwarded-for": "198.51.100.1" } });
    expect(await response.json()).toEqual({ peer: "127.0.0.1" });
  });

  it("reads a header the stamp did not write as unknown", () => {
    expect(peerAddress(new Headers({ "x-tierflow-peer": "203.0.113.9" }))).toBeNull();
    expect(peerAddress(new Headers({ "x-tierflow-peer": "guess 203.0.113.9" }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
    const stamped = new Headers();
    stampPeerAddress(stamped, "203.0.113.9");
    expect(peerAddress(stamped)).toBe("203.0.113.9");
    stampPeerAddress(stamped, undefined);
    expect(peerAddress(stamped)).toBeNull();
  });
});
