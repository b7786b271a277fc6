// `spindle describe ADDRESS [SYMBOL]`: the definition of a service, method, message or enum in .proto
// syntax, as `grpcurl describe` prints it; without SYMBOL, every service.
import { connectionHelp, connectionOptions, type ConnectionValues } from "./connection-flags.js";
import { openChannel } from "./open-channel.js";
import { printDefinition, printMethod } from "./proto-printer.js";
import { expectPositionals, runCommand, type CommandOutput } from "./run-command.js";
import { openSchemaSource, type SchemaSource } from "./schema-source.js";

const usage = `usage: spindle describe [flags] ADDRESS [SYMBOL]

Prints the definition of SYMBOL (a service, method, message or enum, by full name such as
shop.v1.Product or shop.v1.Catalog.GetProduct), or of every service without SYMBOL.

${connectionHelp}
`;

/** Runs `spindle describe` with `argv` (after the subcommand name); resolves with the exit code. */
export function run(argv: string[], output?: CommandOutput): Promise<number> {
  return runCommand<ConnectionValues>("describe", argv, connectionOptions, usage, async (ctx) => {
    expectPositionals(ctx.positionals, 1, 2, "ADDRESS");
    const [address, symbol] = ctx.positionals as [string, string | undefined];
    const open = await openChannel(address, ctx.values);
    try {
      const schema = await openSchemaSource(ctx.values, open.channel, open.callOptions(true));
      const names = symbol === undefined ? await schema.listServices() : [symbol];
      for (const name of names) ctx.output.out(await describe(schema, name));
      return 0;
    } finally {
      open.channel.close();
    }
  }, output);
}

async function describe(schema: SchemaSource, name: string): Promise<string> {
  const bare = name.replace(/^\./, "").replace("/", ".");
  const found = await schema.findSymbol(bare);
  if (found !== undefined) {
    const what = found.symbol.kind === "enum" ? "an enum" : `a ${found.symbol.kind}`;
    return `${found.symbol.typeName} is ${what}:\n${printDefinition(found.symbol)}`;
  }
  // Not a type: perhaps a method, `pkg.Service.Method`.
  const dot = bare.lastIndexOf(".");
  if (dot > 0) {
    const parent = await schema.findSymbol(bare.slice(0, dot));
    if (parent?.symbol.kind === "service") {
      const method = parent.symbol.methods.find((m) => m.name === bare.slice(dot + 1));
      if (method) return `${bare} is a method:\n${printMethod(method)}\n`;
    }
  }
  throw new Error(`symbol ${name} not found`);
}
