/**
 * What a generated message exports besides its interface: one object with the generated binary codec, and
 * JSON, equality and the descriptor delegated to the reflection runtime through the embedded descriptor.
 */
import {
  equals as reflectEquals,
  fromBinary,
  fromJson as reflectFromJson,
  toBinary,
  toJson as reflectToJson,
  toJsonString as reflectToJsonString,
  fromJsonString as reflectFromJsonString,
  type DescMessage,
  type JsonValue,
  type UnknownFields,
} from "../../protobuf/index.js";
import { CodecReader, type DecodeOptions } from "./codec-reader.js";
import { CodecWriter } from "./codec-writer.js";
import type { GenFile } from "./gen-file.js";
import type { MessageInit } from "../../grpc/index.js";

/** Options for `encode` (the same as the reflection codec's `toBinary`). */
export interface EncodeOptions {
  /** Re-emit the unknown fields a decode kept (default `true`). */
  writeUnknownFields?: boolean;
}

/** Options of the JSON functions: those of the reflection runtime's `toJson`. */
export type ToJsonOptions = NonNullable<Parameters<typeof reflectToJson>[2]>;
/** Options of `toJsonString`: those of the reflection runtime's `toJsonString`. */
export type ToJsonStringOptions = NonNullable<Parameters<typeof reflectToJsonString>[2]>;
/** Options of `fromJson`: those of the reflection runtime's `fromJson`. */
export type FromJsonOptions = NonNullable<Parameters<typeof reflectFromJson>[2]>;

/** Encodes `message` into the writer (generated; no length prefix). */
export type EncodeFn<T> = (message: MessageInit<T>, w: CodecWriter) => void;
/**
 * Decodes fields until `end` (or, for a group, until the END_GROUP tag `group`) into `target` or a new
 * message (generated).
 */
export type DecodeFn<T> = (r: CodecReader, end: number, depth: number, target?: T, group?: number) => T;

/** A generated message type: the binary codec, JSON, equality and the descriptor of `T`. */
export interface MessageType<T extends { [UnknownFields]?: Uint8Array }> {
  /** The full protobuf name, e.g. `shop.v1.Product`. */
  readonly typeName: string;
  /** The message's descriptor (linked on first access). */
  readonly desc: DescMessage;
  /** A complete message: defaults filled in, then `init` applied (copied, never aliased). */
  create(init?: MessageInit<T>): T;
  /** Serializes to the protobuf binary format (the same bytes as the reflection codec's `toBinary`). */
  encode(message: MessageInit<T>, options?: EncodeOptions): Uint8Array;
  /**
   * Serializes as `encode` does and hands the bytes to `use` without copying them out of the encoder's buffer:
   * they are valid only until `use` returns (copy them to keep them). Returns what `use` returns.
   */
  encodeWith<R>(message: MessageInit<T>, use: (bytes: Uint8Array) => R, options?: EncodeOptions): R;
  /** Parses the protobuf binary format; throws a `ProtobufError` saying what and where for malformed input. */
  decode(bytes: Uint8Array, options?: DecodeOptions): T;
  /** The proto3 JSON form (delegated to the reflection runtime). */
  toJson(message: MessageInit<T>, options?: ToJsonOptions): JsonValue;
  /** Parses the proto3 JSON form (delegated to the reflection runtime). */
  fromJson(json: JsonValue, options?: FromJsonOptions): T;
  /** `toJson` as text (the reflection runtime's printer: `-0`, large numbers and escapes as the spec says). */
  toJsonString(message: MessageInit<T>, options?: ToJsonStringOptions): string;
  /** Parses JSON text. */
  fromJsonString(text: string, options?: FromJsonOptions): T;
  /** Deep equality as protobuf defines it (NaN equals NaN field by field, unknown fields compared as bytes). */
  equals(a: MessageInit<T>, b: MessageInit<T>): boolean;
  /** @internal Generated code: writes the fields into `w`. */
  readonly encodeTo: EncodeFn<T>;
  /** @internal Generated code: reads fields from `r`. */
  readonly decodeFrom: DecodeFn<T>;
}

/** How the generator configured a message type. */
export interface DefineMessageOptions {
  /**
   * The generated representation differs from the reflection runtime's (a `long` option), so JSON goes
   * through the binary form to convert.
   */
  jsonViaBinary?: boolean;
}

/** Builds the object a generated file exports for one message (called by generated code only). */
export function defineMessage<T extends { [UnknownFields]?: Uint8Array }>(
  file: GenFile,
  typeName: string,
  encodeTo: EncodeFn<T>,
  decodeFrom: DecodeFn<T>,
  options: DefineMessageOptions = {},
): MessageType<T> {
  let desc: DescMessage | undefined;
  const getDesc = (): DescMessage => (desc ??= file.message(typeName));
  const write = (message: MessageInit<T>, opts: EncodeOptions | undefined): CodecWriter => {
    const w = CodecWriter.start();
    w.writeUnknown = opts?.writeUnknownFields ?? true;
    try {
      encodeTo(message, w);
    } catch (e) {
      w.pos = 0;
      throw e;
    }
    return w;
  };
  const encode = (message: MessageInit<T>, opts?: EncodeOptions): Uint8Array => write(message, opts).finish();
  const encodeWith = <R>(message: MessageInit<T>, use: (bytes: Uint8Array) => R, opts?: EncodeOptions): R => write(message, opts).lend(use);
  const decode = (bytes: Uint8Array, opts?: DecodeOptions): T => {
    const r = CodecReader.acquire(bytes, opts);
    try {
      return decodeFrom(r, bytes.length, 0);
    } finally {
      r.release();
    }
  };
  // The reflection runtime's message for `m`: the same object when representations agree.
  const toReflect = (m: MessageInit<T>) => (options.jsonViaBinary ? fromBinary(getDesc(), encode(m)) : decode(encode(m)));
  const fromReflect = (m: object): T => (options.jsonViaBinary ? decode(toBinary(getDesc(), m as never)) : (m as T));
  const toJson = (m: MessageInit<T>, opts?: ToJsonOptions): JsonValue => reflectToJson(getDesc(), toReflect(m) as never, opts);
  const fromJson = (json: JsonValue, opts?: FromJsonOptions): T => fromReflect(reflectFromJson(getDesc(), json, opts));
  return {
    typeName,
    get desc() {
      return getDesc();
    },
    create: (init) => decode(encode(init ?? ({} as MessageInit<T>))),
    encode,
    encodeWith,
    decode,
    toJson,
    fromJson,
    toJsonString: (m, opts) => reflectToJsonString(getDesc(), toReflect(m) as never, opts),
    fromJsonString: (text, opts) => fromReflect(reflectFromJsonString(getDesc(), text, opts)),
    equals: (a, b) => reflectEquals(getDesc(), toReflect(a) as never, toReflect(b) as never),
    encodeTo,
    decodeFrom,
  };
}
