/**
 * The google-protobuf 4.x runtime as protoc-gen-js's output uses it. @types/google-protobuf describes the 3.x
 * API, so the helpers 4.x gencode calls that it lacks (proto3 setters, `readStringRequireUtf8`,
 * `readPackableInt32Into`, `serializeMapToBinary`, …) are typed here once, over the same runtime objects.
 */
import jspb from "google-protobuf";

export { jspb };

/** `jspb.Message`'s static gencode helpers missing from @types/google-protobuf. */
export interface GencodeMessage {
  getBooleanFieldWithDefault(msg: jspb.Message, field: number, defaultValue: boolean): boolean;
  getFloatingPointFieldWithDefault(msg: jspb.Message, field: number, defaultValue: number): number;
  setProto3IntField<T extends jspb.Message>(msg: T, field: number, value: number): T;
  setProto3StringIntField<T extends jspb.Message>(msg: T, field: number, value: string): T;
  setProto3FloatField<T extends jspb.Message>(msg: T, field: number, value: number): T;
  setProto3StringField<T extends jspb.Message>(msg: T, field: number, value: string): T;
  setProto3BooleanField<T extends jspb.Message>(msg: T, field: number, value: boolean): T;
  setProto3EnumField<T extends jspb.Message>(msg: T, field: number, value: number): T;
  getRepeatedField(msg: jspb.Message, field: number): unknown[];
  bytesAsU8(value: string | Uint8Array): Uint8Array;
  bytesAsB64(value: string | Uint8Array): string;
  setProto3BytesField<T extends jspb.Message>(msg: T, field: number, value: Uint8Array | string): T;
}

/** The reader methods 4.x gencode calls that @types/google-protobuf lacks. */
export interface GencodeReader {
  readStringRequireUtf8(this: jspb.BinaryReader): string;
  readPackableInt32Into(this: jspb.BinaryReader, into: number[]): void;
}

/** `jspb.internal.public_for_gencode`: how 4.x gencode writes a map field. */
export interface GencodeInternal {
  serializeMapToBinary<K, V>(
    map: jspb.Map<K, V>,
    fieldNumber: number,
    writer: jspb.BinaryWriter,
    keyWriterFn: (this: jspb.BinaryWriter, field: number, key: K) => void,
    valueWriterFn: (this: jspb.BinaryWriter, field: number, value: V) => void,
  ): void;
}

/**
 * `jspb.Map.deserializeBinary` as the runtime calls its reader functions: as methods of the reader (`this`),
 * which is why gencode passes `jspb.BinaryReader.prototype.read*`.
 */
export interface GencodeMapStatics {
  deserializeBinary<K, V>(
    map: jspb.Map<K, V>,
    reader: jspb.BinaryReader,
    keyReaderFn: (this: jspb.BinaryReader) => K,
    valueReaderFn: (this: jspb.BinaryReader) => V,
    readCallback: null,
    defaultKey: K,
    defaultValue: V,
  ): void;
}

/** `jspb.Map`'s statics, typed for gencode. */
export const gencodeMap = jspb.Map as unknown as GencodeMapStatics;

/** The Message statics, typed for gencode. */
export const gencodeMessage = jspb.Message as unknown as typeof jspb.Message & GencodeMessage;
/** The BinaryReader prototype, typed for gencode. */
export const gencodeReader = jspb.BinaryReader.prototype as unknown as GencodeReader;
/** The map serializer of `jspb.internal.public_for_gencode`. */
export const gencodeInternal = (jspb as unknown as { internal: { public_for_gencode: GencodeInternal } }).internal.public_for_gencode;

/** Reads a proto3 string field as 4.x gencode does (rejecting invalid UTF-8). */
export function readString(reader: jspb.BinaryReader): string {
  return gencodeReader.readStringRequireUtf8.call(reader);
}
