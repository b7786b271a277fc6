// Opens one HTTP/2 connection (plaintext with prior knowledge, or TLS with ALPN "h2") to one address.
import { connect as http2Connect, type ClientHttp2Session, type ClientSessionOptions } from "node:http2";
import { connect as netConnect, isIP, type Socket } from "node:net";
import { checkServerIdentity, connect as tlsConnect, type TLSSocket } from "node:tls";
import type { Address } from "./target.js";
import type { TlsCredentials } from "./credentials.js";

/** How to open a connection. */
export interface ConnectOptions {
  /** The `:authority` the calls will carry; also the TLS server name unless `tls.serverName` is set. */
  readonly authority: string;
  /** TLS settings, or undefined for plaintext HTTP/2 ("prior knowledge"). */
  readonly tls: TlsCredentials | undefined;
  /** Give up after this long (the spec's connect deadline). */
  readonly timeoutMs: number;
  /** Extra node:http2 session settings (window sizes, max header list size…). */
  readonly sessionOptions?: ClientSessionOptions;
}

/**
 * Connects to `address` and resolves once the HTTP/2 session is up (socket connected, TLS handshake
 * done with ALPN "h2", our SETTINGS sent).
 *
 * Fails with an `Error` naming the address when the socket cannot connect, the handshake fails or the
 * certificate is rejected, the server does not speak h2 over TLS, or `timeoutMs` passes first.
 */
export function connectSession(address: Address, options: ConnectOptions): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const where = "path" in address ? `unix:${address.path}` : `${address.host}:${address.port}`;
    let socket: Socket | TLSSocket;
    const tls = options.tls;
    if (tls) {
      const serverName = tls.serverName ?? hostOf(options.authority);
      socket = tlsConnect({
        ...("path" in address ? { path: address.path } : { host: address.host, port: address.port }),
        // SNI must not be an IP address (RFC 6066 §3); the certificate is still checked against it.
        servername: isIP(serverName) === 0 ? serverName : undefined,
        ALPNProtocols: ["h2"],
        ca: tls.ca as string | Buffer | (string | Buffer)[] | undefined,
        cert: tls.cert as string | Buffer | undefined,
        key: tls.key as string | Buffer | undefined,
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        // Check the certificate against the name we expect, not the address we dialled.
        checkServerIdentity: (_host, cert) => checkServerIdentity(serverName, cert),
      });
    } else {
      socket = "path" in address ? netConnect({ path: address.path }) : netConnect({ host: address.host, port: address.port });
    }
    const scheme = tls ? "https" : "http";
    let session: ClientHttp2Session;
    let settled = false;
    const fail = (reason: string, cause?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session?.destroy();
      socket.destroy();
      reject(new Error(`failed to connect to ${where}: ${reason}`, cause === undefined ? undefined : { cause }));
    };
    const timer = setTimeout(() => fail(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    const onError = (e: Error) => fail(e.message, e);
    const onClose = () => fail("connection closed during setup");
    socket.once("error", onError);
    try {
      session = http2Connect(`${scheme}://${options.authority}`, {
        ...options.sessionOptions,
        createConnection: () => socket,
      });
    } catch (e) {
      fail(e instanceof Error ? e.message : String(e), e);
      return;
    }
    session.once("error", onError);
    session.once("close", onClose);
    session.once("connect", () => {
      if (settled) return;
      if (tls && (socket as TLSSocket).alpnProtocol !== "h2") {
        fail(`server did not negotiate HTTP/2 (ALPN "h2") over TLS`);
        return;
      }
      settled = true;
      clearTimeout(timer);
      socket.removeListener("error", onError);
      session.removeListener("error", onError);
      session.removeListener("close", onClose);
      // The channel watches 'close', which follows every session error; without a listener an 'error'
      // event would be thrown as an uncaught exception.
      session.on("error", ignore);
      resolve(session);
    });
  });
}

function hostOf(authority: string): string {
  if (authority.startsWith("[")) return authority.slice(1, authority.indexOf("]"));
  const colon = authority.lastIndexOf(":");
  return colon >= 0 && authority.indexOf(":") === colon ? authority.slice(0, colon) : authority;
}

function ignore(): void {}
