#!/usr/bin/env node
/**
 * The `spindle` command. Each subcommand is a module exporting `run(argv): Promise<number>` (argv without
 * the subcommand's name; the result is the exit code), imported only when it is the one asked for, so
 * `spindle call` never loads the compiler.
 *
 * To add a subcommand, add one entry to {@link commands}.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** What a subcommand module exports. */
export interface Subcommand {
  run(argv: string[]): Promise<number>;
}

/** Subcommand name → one-line summary and lazy import. Keep sorted by name. */
export const commands: Record<string, { summary: string; load: () => Promise<Subcommand> }> = {
  call: {
    summary: "call a gRPC method with JSON requests (curl for gRPC; schema by reflection or .proto)",
    load: () => import("./call.js"),
  },
  compile: {
    summary: "compile .proto files to a FileDescriptorSet, as protoc --descriptor_set_out does",
    load: () => import("./compile.js"),
  },
  "conformance-testee": {
    summary: "speak the protobuf conformance protocol on stdin/stdout",
    load: () => import("./conformance-testee.js"),
  },
  describe: {
    summary: "print the definition of a service, message or enum of a server",
    load: () => import("./describe.js"),
  },
  gen: {
    summary: "generate TypeScript (types, codecs, service definitions) from .proto files",
    load: () => import("./gen.js"),
  },
  health: {
    summary: "check a server's health (grpc.health.v1 Check, or Watch with --watch)",
    load: () => import("./health.js"),
  },
  list: {
    summary: "list a server's services, or the methods of one",
    load: () => import("./list.js"),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: spindle <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun "spindle <command> --help" for a command's options.\n`;
}

/** Where the dispatcher's own messages go (tests pass their own). */
export interface MainOutput {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: MainOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Dispatches `argv` (without node and the script) to a subcommand and returns the exit code: the
 * subcommand's, or 2 for a missing or unknown command.
 */
export async function main(argv: string[], output: MainOutput = processOutput): Promise<number> {
  // Only options before the command belong to spindle itself; the rest is the subcommand's.
  const { tokens } = parseArgs({
    args: argv,
    options: { help: { type: "boolean", short: "h" }, version: { type: "boolean" } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const first = tokens.find((t) => t.kind === "positional");
  const own = first ? tokens.filter((t) => t.index < first.index) : tokens;
  if (own.some((t) => t.kind === "option" && t.name === "version")) {
    output.out(`${readVersion()}\n`);
    return 0;
  }
  if (!first) {
    const wantsHelp = own.some((t) => t.kind === "option" && (t.name === "help" || t.name === "h"));
    (wantsHelp ? output.out : output.err)(usage());
    return wantsHelp ? 0 : 2;
  }
  const unknownOption = own.find((t) => t.kind === "option");
  if (unknownOption && unknownOption.kind === "option") {
    output.err(`spindle: unknown option ${unknownOption.rawName} before the command\n\n${usage()}`);
    return 2;
  }
  const command = commands[first.value];
  if (!command || !Object.hasOwn(commands, first.value)) {
    output.err(`spindle: unknown command ${JSON.stringify(first.value)}\n\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(argv.slice(first.index + 1));
}

function readVersion(): string {
  // dist/src/cli/main.js and src/cli/main.ts both sit three levels below package.json… or four under dist.
  for (const up of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "spindle") return `spindle ${pkg.version ?? "unknown"}`;
    } catch {
      // Not this level; try the next.
    }
  }
  return "spindle (version unknown)";
}

/** Whether this module is the program (run as the bin, perhaps through a symlink) rather than imported. */
function isMainModule(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`spindle: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
