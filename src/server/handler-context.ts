// What a Spindle server handler sees of its call, beyond the transport-neutral HandlerContext of src/grpc.
import type { HandlerContext, MetadataInit } from "../grpc/index.js";

/**
 * The context of one call on the Node server: src/grpc's {@link HandlerContext} (method, metadata, signal,
 * deadline, timeRemaining, peer, responseHeaders, responseTrailers) plus what only this server offers.
 * Every handler's `ctx` is one; narrow to it with a type annotation when you need the extras.
 *
 * Request messages' `bytes` fields over 64 bytes are views of the data as received rather than copies (the
 * call owns that data, and copying cost an ArrayBuffer per message): copy one (`value.slice()`) that you keep
 * long after the call, or it keeps the whole socket read it arrived in (up to 64 KiB) in memory.
 *
 * @example
 * ```ts
 * async unaryCall(req, ctx: ServerContext) {
 *   ctx.setCompression("gzip");
 *   ctx.sendHeader({ "x-region": "eu" });
 *   ctx.setTrailer({ "x-served-by": "catalog-1" });
 *   return await db.load(req.id, { signal: ctx.signal, timeoutMs: ctx.timeRemaining() });
 * }
 * ```
 */
export interface ServerContext extends HandlerContext {
  /** The method's path, `/package.Service/Method`. */
  readonly path: string;
  /** The client's TLS certificate (mTLS), when one was presented. */
  readonly peerCertificate: Readonly<Record<string, unknown>> | undefined;
  /** Merges `md` into the response headers and sends them now; throws if they were already sent. */
  sendHeader(md?: MetadataInit): void;
  /** Merges `md` into the trailers sent with the status. */
  setTrailer(md: MetadataInit): void;
  /** The request's `grpc-encoding` (`identity` when absent). */
  readonly requestCompression: string;
  /** Whether the last request message received had the compressed flag set. */
  readonly isRequestCompressed: boolean;
  /**
   * Compress response messages with `name`, if the server has that compressor and the client listed it in
   * `grpc-accept-encoding` (otherwise responses stay uncompressed, as doc/compression.md requires).
   * Call before the headers are sent; `"identity"` turns compression off.
   */
  setCompression(name: string): void;
  /**
   * Whether the next response messages are compressed when a compression is in effect. Default `true`; set
   * it to `false` before returning or yielding a message to send that message uncompressed.
   */
  compressMessages: boolean;
}
