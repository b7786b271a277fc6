/**
 * The Node side of test/diff/peer.py: one Debian `/usr/bin/python3` process answering codec requests over
 * stdin/stdout. Requests are pipelined (many in flight, answered in order), so thousands of messages cost one
 * process start.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./diff-schema.js";

/** The operations peer.py understands; see its docstring for the wire protocol. */
export enum PeerOp {
  HELLO = 0,
  BIN_TO_BIN = 1,
  BIN_TO_JSON = 2,
  JSON_TO_BIN = 3,
  JSON_TO_JSON = 4,
  /** Parse, then serialize deterministically: equal outputs mean equal messages. */
  CANONICAL = 5,
  /** As CANONICAL, allowing missing proto2 required fields. */
  PARTIAL_CANONICAL = 6,
  /** JSON in, canonical binary out, allowing missing proto2 required fields. */
  JSON_TO_PARTIAL_CANONICAL = 7,
}

/** JSON options, mapped onto python's json_format keyword arguments. */
export interface PeerJsonOptions {
  /** `preserving_proto_field_name` */
  useProtoFieldName?: boolean;
  /** `use_integers_for_enums` */
  enumAsInteger?: boolean;
  /** `including_default_value_fields` */
  emitDefaultValues?: boolean;
  /** `ignore_unknown_fields` */
  ignoreUnknownFields?: boolean;
}

/** An error Python reported for one request (the peer itself stays up). */
export class PeerError extends Error {
  override name = "PeerError";
}

/** A running peer. `close()` ends the process; requests still pending then reject. */
export interface PythonPeer {
  request(op: PeerOp, typeName: string, payload: Uint8Array | string, options?: PeerJsonOptions): Promise<Uint8Array>;
  /** Like `request`, decoding the answer as UTF-8 (for the JSON ops). */
  requestText(op: PeerOp, typeName: string, payload: Uint8Array | string, options?: PeerJsonOptions): Promise<string>;
  close(): Promise<void>;
}

/** The interpreter with Debian's python3-protobuf; the `python3` on PATH may be another one without it. */
export const debianPython = "/usr/bin/python3";

function flagsOf(options: PeerJsonOptions | undefined): number {
  if (!options) return 0;
  return (
    (options.useProtoFieldName ? 1 : 0) |
    (options.enumAsInteger ? 2 : 0) |
    (options.emitDefaultValues ? 4 : 0) |
    (options.ignoreUnknownFields ? 8 : 0)
  );
}

interface Pending {
  resolve(value: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Starts peer.py on the `_pb2` modules in `moduleDir` and waits for its HELLO answer.
 * Fails when /usr/bin/python3 or its protobuf module is missing, with the peer's stderr in the message.
 */
export async function startPythonPeer(moduleDir: string): Promise<PythonPeer & { version: string }> {
  const child: ChildProcessWithoutNullStreams = spawn(debianPython, [join(repoRoot, "test", "diff", "peer.py"), moduleDir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const pending: Pending[] = [];
  let head = 0;
  let stderr = "";
  let exited: Error | undefined;
  let input: Buffer = Buffer.alloc(0);
  let corked = false;

  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  child.stdout.on("data", (chunk: Buffer) => {
    input = input.length === 0 ? chunk : Buffer.concat([input, chunk]);
    let offset = 0;
    while (input.length - offset >= 4) {
      const length = input.readUInt32LE(offset);
      if (input.length - offset - 4 < length) break;
      const status = input[offset + 4];
      // Copy: the answer outlives this chunk, and callers may keep it.
      const body = new Uint8Array(input.subarray(offset + 5, offset + 4 + length));
      offset += 4 + length;
      const waiter = pending[head];
      if (!waiter) throw new Error("python peer answered a request that was never sent");
      pending[head++] = undefined as unknown as Pending;
      if (status === 0) waiter.resolve(body);
      else waiter.reject(new PeerError(Buffer.from(body).toString("utf8")));
    }
    input = input.subarray(offset);
    if (head > 4096 && head === pending.length) {
      pending.length = 0;
      head = 0;
    }
  });
  const closed = new Promise<void>((resolve) => {
    child.on("close", (code, signal) => {
      exited = new Error(`python peer exited (code ${code}, signal ${signal}): ${stderr.trim()}`);
      for (let i = head; i < pending.length; i++) pending[i]!.reject(exited);
      pending.length = 0;
      head = 0;
      resolve();
    });
  });
  child.on("error", (error) => {
    exited = new Error(`cannot start ${debianPython}: ${error.message}`);
  });
  // EPIPE after the peer died is reported through `exited`; don't let it crash the test process.
  child.stdin.on("error", () => {});

  function request(op: PeerOp, typeName: string, payload: Uint8Array | string, options?: PeerJsonOptions): Promise<Uint8Array> {
    if (exited) return Promise.reject(exited);
    const name = Buffer.from(typeName, "utf8");
    const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
    const header = Buffer.alloc(8 + name.length);
    header.writeUInt32LE(4 + name.length + body.length, 0);
    header.writeUInt8(op, 4);
    header.writeUInt8(flagsOf(options), 5);
    header.writeUInt16LE(name.length, 6);
    name.copy(header, 8);
    return new Promise<Uint8Array>((resolve, reject) => {
      pending.push({ resolve, reject });
      // Requests made in one tick go out in one writev: a write per request cost more than Python's answers.
      if (!corked) {
        corked = true;
        child.stdin.cork();
        process.nextTick(() => {
          corked = false;
          child.stdin.uncork();
        });
      }
      child.stdin.write(header);
      child.stdin.write(body);
    });
  }

  const peer = {
    version: "",
    request,
    async requestText(op: PeerOp, typeName: string, payload: Uint8Array | string, options?: PeerJsonOptions) {
      return Buffer.from(await request(op, typeName, payload, options)).toString("utf8");
    },
    async close() {
      if (!exited) child.stdin.end();
      await closed;
    },
  };
  try {
    peer.version = Buffer.from(await request(PeerOp.HELLO, "", "")).toString("utf8");
  } catch (error) {
    child.kill();
    await closed;
    throw error;
  }
  return peer;
}
