// Channel targets as gRPC names them: grpc/grpc doc/naming.md.
// Accepted: `host:port`, `host` (port 443), `[v6]:port`, `dns:host:port`, `dns:///host:port`,
// `dns://authority/host:port` (the DNS server authority is ignored: we use the system resolver),
// `ipv4:a.b.c.d:port[,…]`, `ipv6:[addr]:port[,…]`, `unix:path`, `unix:///absolute/path`.
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";

/** Port used when a target names none (doc/naming.md: "default is 443"). */
export const DEFAULT_PORT = 443;

/** One address a connection can be opened to. */
export type Address = { readonly host: string; readonly port: number } | { readonly path: string };

/** A parsed channel target. */
export type Target =
  | { readonly scheme: "dns"; readonly host: string; readonly port: number; readonly authority: string }
  | { readonly scheme: "ip"; readonly addresses: readonly Address[]; readonly authority: string }
  | { readonly scheme: "unix"; readonly path: string; readonly authority: string };

/**
 * Parses a channel target string.
 *
 * Fails with an `Error` that quotes the target when it is empty, has an unknown scheme, a port that is not
 * a number in 1..65535, or an unterminated IPv6 bracket.
 *
 * @example
 * ```ts
 * parseTarget("dns:///localhost:50051"); // { scheme: "dns", host: "localhost", port: 50051, authority: "localhost:50051" }
 * ```
 */
export function parseTarget(target: string): Target {
  if (typeof target !== "string" || target.trim() === "") throw new Error(`invalid channel target ${JSON.stringify(target)}: empty`);
  if (target.startsWith("unix:")) {
    // unix:///abs/path is absolute; unix:path may be relative (doc/naming.md).
    const path = target.startsWith("unix://") ? target.slice("unix://".length) : target.slice("unix:".length);
    if (path === "") throw new Error(`invalid channel target ${JSON.stringify(target)}: missing socket path`);
    return { scheme: "unix", path, authority: "localhost" };
  }
  if (target.startsWith("ipv4:") || target.startsWith("ipv6:")) {
    const list = target.slice(5).split(",");
    const addresses = list.map((item) => {
      const { host, port } = splitHostPort(item, target);
      if (isIP(host) === 0) throw new Error(`invalid channel target ${JSON.stringify(target)}: ${JSON.stringify(host)} is not an IP address`);
      return { host, port };
    });
    return { scheme: "ip", addresses, authority: list[0]! };
  }
  let rest = target;
  if (target.startsWith("dns:")) {
    rest = target.slice(4);
    if (rest.startsWith("//")) {
      const slash = rest.indexOf("/", 2);
      if (slash < 0) throw new Error(`invalid channel target ${JSON.stringify(target)}: expected dns://[authority]/host[:port]`);
      rest = rest.slice(slash + 1);
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    throw new Error(`invalid channel target ${JSON.stringify(target)}: unsupported scheme (use dns:, ipv4:, ipv6: or unix:)`);
  }
  const { host, port, hadPort } = splitHostPort(rest, target);
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return { scheme: "dns", host, port, authority: hadPort ? `${hostPart}:${port}` : hostPart };
}

function splitHostPort(text: string, target: string): { host: string; port: number; hadPort: boolean } {
  let host: string;
  let portText: string | undefined;
  if (text.startsWith("[")) {
    const close = text.indexOf("]");
    if (close < 0) throw new Error(`invalid channel target ${JSON.stringify(target)}: unterminated "[" in IPv6 address`);
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== "" && !after.startsWith(":")) throw new Error(`invalid channel target ${JSON.stringify(target)}: unexpected ${JSON.stringify(after)} after "]"`);
    portText = after === "" ? undefined : after.slice(1);
  } else {
    const colon = text.lastIndexOf(":");
    if (colon >= 0 && text.indexOf(":") === colon) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    } else {
      // No colon, or a bare IPv6 address without brackets and port.
      host = text;
    }
  }
  if (host === "") throw new Error(`invalid channel target ${JSON.stringify(target)}: missing host`);
  if (portText === undefined) return { host, port: DEFAULT_PORT, hadPort: false };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`invalid channel target ${JSON.stringify(target)}: port ${JSON.stringify(portText)} is not in 1..65535`);
  return { host, port, hadPort: true };
}

/** Resolves host names to addresses; the channel takes one so tests can stub DNS. */
export type Resolver = (host: string) => Promise<string[]>;

/** The system resolver (getaddrinfo through `dns.lookup`), every address family, in the system's order. */
export const systemResolver: Resolver = async (host) => {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
};

/**
 * The addresses a target stands for, in the order connections should be tried (pick_first).
 *
 * Fails when name resolution fails or finds nothing; the error message names the host.
 */
export async function resolveTarget(target: Target, resolver: Resolver = systemResolver): Promise<Address[]> {
  switch (target.scheme) {
    case "unix":
      return [{ path: target.path }];
    case "ip":
      return [...target.addresses];
    case "dns": {
      if (isIP(target.host) !== 0) return [{ host: target.host, port: target.port }];
      let hosts: string[];
      try {
        hosts = await resolver(target.host);
      } catch (e) {
        throw new Error(`name resolution failed for ${JSON.stringify(target.host)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      if (hosts.length === 0) throw new Error(`name resolution found no address for ${JSON.stringify(target.host)}`);
      return hosts.map((host) => ({ host, port: target.port }));
    }
  }
}

/** A short printable form of an address, for error messages and `peer`. */
export function formatAddress(address: Address): string {
  if ("path" in address) return `unix:${address.path}`;
  return address.host.includes(":") ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
