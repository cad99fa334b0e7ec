import { describe, expect, it } from "vitest";
import { stampPeerAddress } from "./peer-address";
import { configuredPublicOrigin, isPublicOrigin, publicOrigin, publicUrl, trustedOriginsFor } from "./public-origin";

// What `next start -H 127.0.0.1` hands a route handler: request.url always says localhost.
function request(headers: Record<string, string>, socket = "203.0.113.7"): Request {
  const bag = new Headers(headers);
  stampPeerAddress(bag, socket);
  return new Request("http://localhost:3000/api/v1/runs/r1/shares", { headers: bag });
}

const env = (vars: { BETTER_AUTH_URL?: string; TIERFLOW_TRUSTED_PROXIES?: string } = {}) => vars as NodeJS.ProcessEnv;
const forwarded = { host: "10.0.0.5:3000", "x-forwarded-host": "tierflow.example.com", "x-forwarded-proto": "https" };

describe("publicOrigin", () => {
  it("is the configured BETTER_AUTH_URL, however the request arrived", () => {
    const configured = env({ BETTER_AUTH_URL: "https://tierflow.example.com/some/path/", TIERFLOW_TRUSTED_PROXIES: "10.0.0.1" });
    expect(publicOrigin(request({ host: "127.0.0.1:3000" }), configured)).toBe("https://tierflow.example.com");
    expect(publicOrigin(request(forwarded, "10.0.0.1"), configured)).toBe("https://tierflow.example.com");
  });

  it("is the Host header when nothing is configured, not request.url's localhost", () => {
    expect(publicOrigin(request({ host: "Tierflow.Example.Test:8080" }), env())).toBe("http://tierflow.example.test:8080");
  });

  it("ignores X-Forwarded-Host and -Proto from a client that is not a declared proxy", () => {
    expect(publicOrigin(request(forwarded), env())).toBe("http://10.0.0.5:3000");
    expect(publicOrigin(request(forwarded), env({ TIERFLOW_TRUSTED_PROXIES: "10.0.0.1" }))).toBe("http://10.0.0.5:3000");
  });

  it("takes them from a declared proxy, the value it wrote last", () => {
    const proxies = env({ TIERFLOW_TRUSTED_PROXIES: "10.0.0.0/24" });
    expect(publicOrigin(request(forwarded, "10.0.0.1"), proxies)).toBe("https://tierflow.example.com");
    const appended = { host: "10.0.0.5", "x-forwarded-host": "evil.example, tierflow.example.com", "x-forwarded-proto": "http, https" };
    expect(publicOrigin(request(appended, "10.0.0.1"), proxies)).toBe("https://tierflow.example.com");
    // A proxy that forwards no host leaves the Host header in charge.
    expect(publicOrigin(request({ host: "tierflow.example.com" }, "10.0.0.1"), proxies)).toBe("http://tierflow.example.com");
  });

  it("falls back to the request URL when the Host header is missing or not a host", () => {
    expect(publicOrigin(request({}), env())).toBe("http://localhost:3000");
    expect(publicOrigin(request({ host: "evil.example/path?" }), env())).toBe("http://localhost:3000");
  });

  it("refuses a configured URL that is not http(s)", () => {
    expect(configuredPublicOrigin(env())).toBeNull();
    expect(() => configuredPublicOrigin(env({ BETTER_AUTH_URL: "tierflow.example.com" }))).toThrow(/BETTER_AUTH_URL must be the app's public http\(s\) URL/);
    expect(() => configuredPublicOrigin(env({ BETTER_AUTH_URL: "ftp://tierflow.example.com" }))).toThrow(/BETTER_AUTH_URL/);
  });
});

describe("publicUrl", () => {
  it("puts a path on the public origin", () => {
    expect(publicUrl(request({ host: "tierflow.example.test" }), "/share/tf_share_abc", env())).toBe("http://tierflow.example.test/share/tf_share_abc");
  });
});

describe("same-origin checks", () => {
  it("accept the public host over either scheme, and nothing else", () => {
    const req = request({ host: "tierflow.example.test" });
    expect(isPublicOrigin("http://tierflow.example.test", req, env())).toBe(true);
    expect(isPublicOrigin("https://tierflow.example.test", req, env())).toBe(true);
    for (const origin of ["https://evil.example", "http://tierflow.example.test:8080", "null", "not a url"]) expect(isPublicOrigin(origin, req, env())).toBe(false);
    expect(trustedOriginsFor(req, env())).toEqual(["http://tierflow.example.test", "https://tierflow.example.test"]);
    expect(trustedOriginsFor(undefined, env())).toEqual([]);
  });

  it("do not let an undeclared client claim a host with X-Forwarded-Host", () => {
    const spoofed = request({ host: "tierflow.example.test", "x-forwarded-host": "evil.example" });
    expect(isPublicOrigin("https://evil.example", spoofed, env())).toBe(false);
    expect(isPublicOrigin("https://evil.example", spoofed, env({ TIERFLOW_TRUSTED_PROXIES: "203.0.113.7" }))).toBe(true);
  });

  it("follow the configured URL when there is one", () => {
    const configured = env({ BETTER_AUTH_URL: "https://tierflow.example.com" });
    expect(isPublicOrigin("https://tierflow.example.com", request({ host: "127.0.0.1:3000" }), configured)).toBe(true);
    expect(isPublicOrigin("http://127.0.0.1:3000", request({ host: "127.0.0.1:3000" }), configured)).toBe(false);
  });
});
