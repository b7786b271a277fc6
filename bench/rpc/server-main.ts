// A server contender in its own process (the orchestrator pins it with `taskset -c 0`):
//   node dist/bench/rpc/server-main.js --kind spindle|grpc-js|connect|raw [--port N]
// Prints `listening <port>` once it accepts calls; exits on SIGTERM or when stdin closes.
import { parseArgs } from "node:util";
import { SERVER_KINDS, startServer, type ServerKind } from "./server-kinds.js";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { kind: { type: "string" }, port: { type: "string", default: "0" } }, strict: true });
  const kind = values.kind as ServerKind;
  if (!SERVER_KINDS.includes(kind)) throw new Error(`--kind must be one of ${SERVER_KINDS.join(", ")}, got ${String(values.kind)}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const server = await startServer(kind, port);
  process.stdout.write(`listening ${server.port}\n`);
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The orchestrator holds our stdin: if it dies, we go too.
  process.stdin.on("end", stop);
  process.stdin.resume();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
