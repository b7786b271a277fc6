// The error handling every network subcommand shares, so exit codes mean the same thing everywhere:
// 0 success, 1 a failure that is not an RPC status (unreadable data, schema trouble), 2 bad arguments,
// 64 + code for an RPC that ended with a status (grpcurl's convention).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./connection-flags.js";
import { exitCodeForStatus, formatRpcError } from "./format.js";
import type { Registry } from "../protobuf/index.js";

/** Where a command writes (tests may pass their own). */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

/** process.stdout and process.stderr. */
export const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** What a command body sees. */
export interface CommandContext<V> {
  readonly values: V;
  readonly positionals: string[];
  readonly output: CommandOutput;
  /** Set by the body once a schema is known, so error details print with its types. */
  registry: Registry | undefined;
}

/**
 * Parses `argv` with `options`, prints `usage` for `--help`, runs `body`, and maps what it throws to an exit
 * code and a message on stderr.
 */
export async function runCommand<V>(
  name: string,
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  usage: string,
  body: (ctx: CommandContext<V>) => Promise<number>,
  output: CommandOutput = processOutput,
): Promise<number> {
  let ctx: CommandContext<V>;
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    if ((parsed.values as { help?: boolean }).help) {
      output.out(usage);
      return 0;
    }
    ctx = { values: parsed.values as V, positionals: parsed.positionals, output, registry: undefined };
  } catch (e) {
    output.err(`spindle ${name}: ${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  try {
    return await body(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      output.err(`spindle ${name}: ${e.message}\n\n${usage}`);
      return 2;
    }
    const { RpcError, Status } = await import("../grpc/index.js");
    if (e instanceof RpcError) {
      output.err(await formatRpcError(e, ctx.registry));
      // TLS is the default (as with grpcurl), so the commonest first failure is TLS to a plaintext server.
      if (e.code === Status.UNAVAILABLE && !(ctx.values as { plaintext?: boolean }).plaintext) {
        output.err("hint: TLS is the default; add --plaintext if the server does not use TLS\n");
      }
      return exitCodeForStatus(e.code);
    }
    output.err(`spindle ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Checks the number of positional arguments. @throws UsageError otherwise. */
export function expectPositionals(positionals: readonly string[], min: number, max: number, what: string): void {
  if (positionals.length < min) throw new UsageError(`missing ${what}`);
  if (positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`);
}
