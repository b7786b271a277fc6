/**
 * The parts of the protobuf runtime the JSON mapping builds on, gathered in one place so the JSON files do
 * not each reach into the codec's modules (and do not import ../index.ts, which re-exports this folder).
 */
export { ProtobufError } from "../errors.js";
export type { Registry } from "../registry.js";
export { getWellKnownRegistry } from "../registry.js";
export { create } from "../create.js";
export { toBinary } from "../to-binary.js";
export { fromBinary } from "../from-binary.js";
export { getExtension, hasExtension, setExtension } from "../extensions.js";
export type { Message } from "../message.js";
export { scalarZero } from "../scalar.js";
export { LongRep } from "../plan.js";
export { UnknownFields } from "../unknown-fields.js";
export { BinaryWriter } from "../wire/binary-writer.js";
export { WireType } from "../wire/wire-type.js";
