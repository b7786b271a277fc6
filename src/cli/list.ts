// `spindle list ADDRESS [SERVICE]`: the services a server offers (by reflection, or from --proto files),
// or the methods of one service, as `grpcurl list` prints them.
import { connectionHelp, connectionOptions, type ConnectionValues } from "./connection-flags.js";
import { openChannel } from "./open-channel.js";
import { printMethod } from "./proto-printer.js";
import { expectPositionals, runCommand, type CommandOutput } from "./run-command.js";
import { openSchemaSource } from "./schema-source.js";

const usage = `usage: spindle list [flags] ADDRESS [SERVICE]

Lists the services of a server, one full name per line, or the methods of SERVICE
(package.Service/Method; with -v, their request and response types).

${connectionHelp}
`;

/** Runs `spindle list` with `argv` (after the subcommand name); resolves with the exit code. */
export function run(argv: string[], output?: CommandOutput): Promise<number> {
  return runCommand<ConnectionValues>("list", argv, connectionOptions, usage, async (ctx) => {
    expectPositionals(ctx.positionals, 1, 2, "ADDRESS");
    const [address, serviceName] = ctx.positionals as [string, string | undefined];
    const open = await openChannel(address, ctx.values);
    try {
      const schema = await openSchemaSource(ctx.values, open.channel, open.callOptions(true));
      if (serviceName === undefined) {
        for (const name of await schema.listServices()) ctx.output.out(`${name}\n`);
        return 0;
      }
      const found = await schema.findSymbol(serviceName);
      if (found === undefined || found.symbol.kind !== "service") throw new Error(`service ${serviceName} not found`);
      for (const m of found.symbol.methods) {
        ctx.output.out(ctx.values.verbose ? `${found.symbol.typeName}/${m.name}  ${printMethod(m)}\n` : `${found.symbol.typeName}/${m.name}\n`);
      }
      return 0;
    } finally {
      open.channel.close();
    }
  }, output);
}
