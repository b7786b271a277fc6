// The node layer's only door: what the server and the client share on Node.
export { runWithCallContext, currentCallContext, enableCallContext, isCallContextEnabled } from "./call-context.js";
export type { CallContext } from "./call-context.js";
export { gzip, deflate, nodeCompressors } from "./compression.js";
export { encodeFrameBuffer } from "./frame-buffer.js";
