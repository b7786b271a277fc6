// Where bench/rpc/bench.proto lives, and the names every contender uses for it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";

/** The service's full name and its method paths (the `:path` h2load and the raw contenders use). */
export const SERVICE_NAME = "bench.rpc.v1.Bench";
/** `:path` of the unary echo method. */
export const UNARY_PATH = `/${SERVICE_NAME}/Unary`;

/**
 * The directory holding bench.proto: beside this file when run from the source tree (tsx), three levels up
 * from dist/bench/rpc/ when run compiled.
 */
export function benchProtoDir(): string {
  const candidates = [new URL("./bench.proto", import.meta.url), new URL("../../../bench/rpc/bench.proto", import.meta.url)];
  for (const url of candidates) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return dirname(path);
  }
  throw new Error(`bench/rpc/bench.proto not found (looked in ${candidates.map((u) => fileURLToPath(u)).join(", ")})`);
}

/** A deterministic, non-zero payload body of `size` bytes (the same for every contender). */
export function payloadBody(size: number): Uint8Array {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i++) body[i] = (i * 31 + 7) & 0xff;
  return body;
}

/** Encodes `Payload { body: payloadBody(size) }` (field 1, length-delimited), without any codec. */
export function encodePayload(size: number): Uint8Array {
  if (size === 0) return new Uint8Array(0);
  const lenBytes: number[] = [];
  let n = size;
  while (n > 0x7f) {
    lenBytes.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  lenBytes.push(n);
  const out = new Uint8Array(1 + lenBytes.length + size);
  out[0] = 0x0a;
  out.set(lenBytes, 1);
  out.set(payloadBody(size), 1 + lenBytes.length);
  return out;
}

/** Wraps one message in the gRPC length-prefixed frame (flag 0, 4-byte big-endian length). */
export function frame(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  new DataView(out.buffer).setUint32(1, message.length);
  out.set(message, 5);
  return out;
}

/** The body of a request to `Unary` carrying a payload of `size` bytes: what h2load posts. */
export function unaryRequestBody(size: number): Uint8Array {
  return frame(encodePayload(size));
}
