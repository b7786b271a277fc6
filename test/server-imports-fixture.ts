// Run by server-imports.test.ts in a fresh process: a plain server (createServer, one service with
// hand-written codecs, listen, shut down; with the argument `health`, the health service too), with a module
// loader hook that reports every module the process
// loads. Prints the loaded file: URLs as one JSON array on stdout.
import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

const hooks = `
let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) {
  if (url.startsWith("file:")) port.postMessage(url);
  return next(url, context);
}`;

const loaded: string[] = [];
const { port1, port2 } = new MessageChannel();
port1.on("message", (url: string) => loaded.push(url));
register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { port: port2 }, transferList: [port2] });

const { createServer } = await import("../src/server/index.js");
const echo = {
  path: "/plain.Echo/Say",
  name: "Say",
  localName: "say",
  kind: "unary" as const,
  serializeRequest: (m: Uint8Array) => m,
  deserializeRequest: (b: Uint8Array) => b,
  serializeResponse: (m: Uint8Array) => m,
  deserializeResponse: (b: Uint8Array) => b,
};
const server = createServer();
server.addService({ typeName: "plain.Echo", methods: { say: echo } }, { say: (req: Uint8Array) => req });
// With `health`, the standard health service too.
if (process.argv.includes("health")) (await import("../src/server/health.js")).createHealthService().addTo(server);
await server.listen("127.0.0.1:0");
server.forceShutdown();
// The hook thread posts asynchronously: let its last messages arrive.
await new Promise((resolve) => setTimeout(resolve, 50));
port1.close();
process.stdout.write(JSON.stringify(loaded) + "\n");
