/**
 * The six wire types of the protobuf encoding (https://protobuf.dev/programming-guides/encoding/#structure).
 * A tag is `(fieldNumber << 3) | wireType`.
 */
export enum WireType {
  /** int32, int64, uint32, uint64, sint32, sint64, bool, enum. */
  Varint = 0,
  /** fixed64, sfixed64, double. */
  Bit64 = 1,
  /** string, bytes, embedded messages, packed repeated fields. */
  LengthDelimited = 2,
  /** Start of a proto2 group (deprecated). */
  StartGroup = 3,
  /** End of a proto2 group (deprecated). */
  EndGroup = 4,
  /** fixed32, sfixed32, float. */
  Bit32 = 5,
}

/** The largest field number protobuf allows (2^29 - 1). */
export const MAX_FIELD_NUMBER = 0x1fffffff;
