/**
 * What the differential test runs against Python: a table of codec implementations. Today that is Spindle's
 * reflection codec; generated codecs (codegen) plug in as one more entry with the same four operations.
 */
import type { DescMessage } from "../../src/protobuf/desc.js";
import type { PlainMessage } from "./random-message.js";

/** JSON writing options, named as in Spindle's `toJson`. */
export interface JsonWriteOptions {
  emitDefaultValues?: boolean;
  enumAsInteger?: boolean;
  useProtoFieldName?: boolean;
}

/** JSON reading options, named as in Spindle's `fromJson`. */
export interface JsonReadOptions {
  ignoreUnknownFields?: boolean;
}

/**
 * One codec under test. JSON crosses this boundary as text, the form that travels, so an implementation that
 * builds JSON values and one that prints directly are judged alike.
 */
export interface CodecImplementation {
  /** Names the implementation in test titles and findings, e.g. `spindle-reflection`. */
  readonly name: string;
  /** Whether it can handle this type (a generated codec covers only the types it was generated for). */
  supports(desc: DescMessage): boolean;
  encode(desc: DescMessage, message: PlainMessage): Uint8Array;
  decode(desc: DescMessage, bytes: Uint8Array): PlainMessage;
  toJson(desc: DescMessage, message: PlainMessage, options?: JsonWriteOptions): string;
  fromJson(desc: DescMessage, json: string, options?: JsonReadOptions): PlainMessage;
}
