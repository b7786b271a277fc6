// `spindle health ADDRESS [SERVICE]`: grpc.health.v1.Health Check (grpc/grpc doc/health-checking.md), or
// Watch with --watch. Needs no schema: the health service's definition is built in.
import { connectionOptions, transportHelp, type ConnectionValues } from "./connection-flags.js";
import { openChannel } from "./open-channel.js";
import { expectPositionals, runCommand, type CommandOutput } from "./run-command.js";

const options = { ...connectionOptions, watch: { type: "boolean" } } as const;

interface HealthValues extends ConnectionValues {
  watch?: boolean;
}

const usage = `usage: spindle health [flags] ADDRESS [SERVICE]

Asks the server's grpc.health.v1.Health service for the status of SERVICE (default "", the whole server)
and prints it: SERVING, NOT_SERVING, UNKNOWN or SERVICE_UNKNOWN.
  --watch                  keep printing each status change (Watch) until the server ends the stream,
                           --timeout passes or Ctrl-C

exit status: 0 SERVING, 1 any other status (for Watch: the last one), 2 bad arguments, 64 + the gRPC
status code when the call fails (an unknown service is NOT_FOUND → 69; no health service → 76).

${transportHelp}
`;

const statusNames = ["UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"];

/** Runs `spindle health` with `argv` (after the subcommand name); resolves with the exit code. */
export function run(argv: string[], output?: CommandOutput): Promise<number> {
  return runCommand<HealthValues>("health", argv, options, usage, async (ctx) => {
    expectPositionals(ctx.positionals, 1, 2, "ADDRESS");
    const [address, service = ""] = ctx.positionals as [string, string | undefined];
    const open = await openChannel(address, ctx.values);
    try {
      const [{ createClient }, { Health }] = await Promise.all([import("../client/index.js"), import("../server/health.js")]);
      const health = createClient(Health, open.channel);
      const name = (status: number) => statusNames[status] ?? String(status);
      if (!ctx.values.watch) {
        const { status } = await health.check({ service }, open.callOptions(true));
        ctx.output.out(`${name(status)}\n`);
        return status === 1 ? 0 : 1;
      }
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once("SIGINT", onSigint);
      let last = 0;
      try {
        for await (const { status } of health.watch({ service }, { ...open.callOptions(true), signal: abort.signal })) {
          last = status;
          ctx.output.out(`${name(status)}\n`);
        }
      } catch (e) {
        // Ctrl-C, or a --timeout that ran out after statuses were printed, ends the watch normally.
        const { RpcError, Status } = await import("../grpc/index.js");
        const ended = abort.signal.aborted || (e instanceof RpcError && e.code === Status.DEADLINE_EXCEEDED && ctx.values.timeout !== undefined);
        if (!ended) throw e;
      } finally {
        process.removeListener("SIGINT", onSigint);
      }
      return last === 1 ? 0 : 1;
    } finally {
      open.channel.close();
    }
  }, output);
}
