// `spindle call ADDRESS SERVICE/METHOD`: curl for gRPC. Requests are JSON (from -d), responses print as
// proto3 JSON; the schema comes from server reflection, .proto files or a descriptor set.
import { readFile } from "node:fs/promises";
import type { DescMethod, Message, Registry } from "../protobuf/index.js";
import { connectionHelp, connectionOptions, UsageError, type ConnectionValues } from "./connection-flags.js";
import { formatMessage, formatMetadata, type MessageFormat } from "./format.js";
import { createJsonSplitter } from "./json-splitter.js";
import { parseMethodName } from "./method-name.js";
import { openChannel } from "./open-channel.js";
import { expectPositionals, runCommand, type CommandOutput } from "./run-command.js";
import { openSchemaSource } from "./schema-source.js";

const options = {
  ...connectionOptions,
  data: { type: "string", short: "d" },
  "emit-defaults": { type: "boolean" },
  compact: { type: "boolean" },
  "proto-names": { type: "boolean" },
  compression: { type: "string" },
} as const;

interface CallValues extends ConnectionValues {
  data?: string;
  "emit-defaults"?: boolean;
  compact?: boolean;
  "proto-names"?: boolean;
  compression?: string;
}

const usage = `usage: spindle call [flags] ADDRESS SERVICE/METHOD

Calls a gRPC method with requests written as JSON and prints the responses as proto3 JSON.
ADDRESS is host:port (or unix:path); the method is package.Service/Method or package.Service.Method.

request and response:
  -d, --data JSON          the request: '{"id":"p1"}', @file, or @- for stdin; several JSON objects
                           (concatenated or one per line) are a request stream. Without -d, a unary or
                           server-streaming call sends {} and a client or bidi stream sends nothing
  --emit-defaults          print fields at their default values too
  --compact                one response per line instead of indented JSON
  --proto-names            print field names as in the .proto (snake_case) instead of lowerCamelCase
  --compression NAME       compress request messages: gzip or deflate (default identity)
${connectionHelp}

exit status: 0 OK, 1 other failure, 2 bad arguments or request data, 64 + the gRPC status code when the
RPC fails (NOT_FOUND → 69, DEADLINE_EXCEEDED → 68, UNAVAILABLE → 78), as grpcurl does.

example:
  spindle call --plaintext -H 'authorization: Bearer demo-token' -d '{"id":"p1"}' \\
    127.0.0.1:50051 shop.v1.Catalog/GetProduct
`;

/** Runs `spindle call` with `argv` (after the subcommand name); resolves with the exit code. */
export function run(argv: string[], output?: CommandOutput): Promise<number> {
  return runCommand<CallValues>("call", argv, options, usage, async (ctx) => {
    expectPositionals(ctx.positionals, 2, 2, "ADDRESS and SERVICE/METHOD");
    const [address, methodArg] = ctx.positionals as [string, string];
    const { service: serviceName, method: methodName } = parseMethodName(methodArg);
    const values = ctx.values;
    if (values.compression !== undefined && !["identity", "gzip", "deflate"].includes(values.compression)) {
      throw new UsageError(`--compression: ${JSON.stringify(values.compression)} is not one of identity, gzip, deflate`);
    }
    const open = await openChannel(address, values);
    try {
      const schema = await openSchemaSource(values, open.channel, open.callOptions(true));
      const found = await schema.findSymbol(serviceName);
      if (found === undefined || found.symbol.kind !== "service") {
        const hint = found ? ` (it is a ${found.symbol.kind})` : "; the method is named as package.Service/Method";
        throw new Error(`service ${serviceName} not found${hint}`);
      }
      ctx.registry = found.registry;
      const method = found.symbol.methods.find((m) => m.name === methodName || m.localName === methodName);
      if (method === undefined) {
        const names = found.symbol.methods.map((m) => m.name).join(", ");
        throw new Error(`service ${serviceName} has no method ${methodName} (it has: ${names || "none"})`);
      }
      return await invoke(method, found.registry, values, open, ctx.output);
    } finally {
      open.channel.close();
    }
  }, output);
}

async function invoke(
  method: DescMethod,
  registry: Registry,
  values: CallValues,
  open: Awaited<ReturnType<typeof openChannel>>,
  output: CommandOutput,
): Promise<number> {
  const [{ createStub }, { methodFromDesc }, { fromJson }] = await Promise.all([
    import("../client/index.js"),
    import("../grpc/index.js"),
    import("../protobuf/index.js"),
  ]);
  const format: MessageFormat = {
    isCompact: values.compact ?? false,
    emitDefaults: values["emit-defaults"] ?? false,
    useProtoNames: values["proto-names"] ?? false,
    registry,
  };
  let dataError: Error | undefined;
  let count = 0;
  // Parses each JSON text into a request message; a bad one is remembered, so the failure is reported as
  // bad request data rather than as the CANCELLED status it turns the call into.
  async function* requests(): AsyncGenerator<Message> {
    try {
      for await (const text of requestTexts(values.data)) {
        count++;
        let message: Message;
        try {
          message = fromJson(method.input, JSON.parse(text), { registry });
        } catch (e) {
          throw new UsageError(`request ${count} is not a valid ${method.input.typeName}: ${(e as Error).message}`);
        }
        yield message;
      }
    } catch (e) {
      dataError = e instanceof Error ? e : new Error(String(e));
      throw dataError;
    }
  }
  const callOptions = open.callOptions(true);
  if (values.compression !== undefined) callOptions.compression = values.compression;
  if (values.verbose) {
    const sent = open.metadata.map(([k, v]) => `  ${k}: ${typeof v === "string" ? v : Buffer.from(v).toString("base64")}\n`).join("");
    output.err(`calling ${method.path} (${method.methodKind})\nrequest metadata:\n${sent}`);
    callOptions.onHeader = (headers) => output.err(`response headers:\n${formatMetadata(headers, "  ")}`);
    callOptions.onTrailer = (trailers) => output.err(`response trailers:\n${formatMetadata(trailers, "  ")}`);
  }
  const stub = createStub(open.channel, methodFromDesc(method)) as (request: unknown, options: typeof callOptions) => unknown;
  const print = async (response: unknown) => output.out(`${await formatMessage(method.output, response as Message, format)}\n`);
  try {
    switch (method.methodKind) {
      case "unary":
      case "server_streaming": {
        const all: Message[] = [];
        if (values.data === undefined) all.push(fromJson(method.input, {}));
        else for await (const m of requests()) all.push(m);
        if (all.length !== 1) throw new UsageError(`${method.parent.name}.${method.name} is ${method.methodKind.replace("_", "-")} and takes one request message, got ${all.length}`);
        if (method.methodKind === "unary") await print(await stub(all[0], callOptions));
        else for await (const response of stub(all[0], callOptions) as AsyncIterable<unknown>) await print(response);
        break;
      }
      case "client_streaming":
        await print(await stub(requests(), callOptions));
        break;
      case "bidi_streaming":
        for await (const response of stub(requests(), callOptions) as AsyncIterable<unknown>) await print(response);
        break;
    }
  } catch (e) {
    throw dataError ?? e;
  }
  if (dataError) throw dataError;
  return 0;
}

/** The JSON texts of the requests: from `-d` text, `@file` or `@-` (stdin, read as it arrives). */
async function* requestTexts(data: string | undefined): AsyncGenerator<string> {
  if (data === undefined) return;
  const splitter = createJsonSplitter();
  if (data === "@-") {
    process.stdin.setEncoding("utf8");
    for await (const chunk of process.stdin as AsyncIterable<string>) yield* splitter.push(chunk);
  } else if (data.startsWith("@")) {
    let text: string;
    try {
      text = await readFile(data.slice(1), "utf8");
    } catch (e) {
      throw new UsageError(`-d ${data}: cannot read ${data.slice(1)}: ${(e as Error).message}`);
    }
    yield* splitter.push(text);
  } else {
    yield* splitter.push(data);
  }
  try {
    yield* splitter.end();
  } catch (e) {
    throw new UsageError(`-d: ${(e as Error).message}`);
  }
}
