/**
 * `spindle/runtime/v1`: the one module generated code imports. It re-exports what generated files need from
 * the protobuf and gRPC layers, the fast codec primitives, and the generated well-known types, so the library
 * can change behind it while generated code keeps working. Generated files check {@link RUNTIME_VERSION}.
 *
 * @example
 * ```ts
 * import { Timestamp } from "spindle/runtime/v1";
 * const bytes = Timestamp.encode({ seconds: 1n });
 * ```
 */
export * from "./core.js";
export * from "./wkt/google/protobuf/any.js";
export * from "./wkt/google/protobuf/api.js";
export * from "./wkt/google/protobuf/compiler/plugin.js";
export * from "./wkt/google/protobuf/descriptor.js";
export * from "./wkt/google/protobuf/duration.js";
export * from "./wkt/google/protobuf/empty.js";
export * from "./wkt/google/protobuf/field_mask.js";
export * from "./wkt/google/protobuf/source_context.js";
export * from "./wkt/google/protobuf/struct.js";
export * from "./wkt/google/protobuf/timestamp.js";
export * from "./wkt/google/protobuf/type.js";
export * from "./wkt/google/protobuf/wrappers.js";
