/**
 * A minimal protobuf wire writer for the bytes the option interpreter produces (custom options are kept as
 * unknown fields of the options message, exactly as protoc serializes them). The compiler must not depend
 * on the runtime's codec internals for this, and it only needs varints, fixed values and length prefixes.
 */

/** Appends wire-format records to a growable byte array. */
export class WireBytes {
  readonly bytes: number[] = [];

  /** Appends a tag for a field number and wire type. */
  tag(fieldNumber: number, wireType: number): this {
    return this.varint(BigInt(fieldNumber) * 8n + BigInt(wireType));
  }

  /** Appends an unsigned varint (negative values are taken as 64-bit two's complement). */
  varint(value: bigint | number): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  fixed32(value: number): this {
    const v = value >>> 0;
    this.bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    return this;
  }

  fixed64(value: bigint): this {
    const v = BigInt.asUintN(64, value);
    this.fixed32(Number(v & 0xffffffffn));
    return this.fixed32(Number(v >> 32n));
  }

  float(value: number): this {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, value, true);
    return this.fixed32(dv.getUint32(0, true));
  }

  double(value: number): this {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, value, true);
    return this.fixed32(dv.getUint32(0, true)).fixed32(dv.getUint32(4, true));
  }

  /** Appends a length-delimited payload (without tag). */
  lengthDelimited(payload: ArrayLike<number>): this {
    this.varint(payload.length);
    for (let i = 0; i < payload.length; i++) this.bytes.push(payload[i]!);
    return this;
  }

  raw(payload: ArrayLike<number>): this {
    for (let i = 0; i < payload.length; i++) this.bytes.push(payload[i]!);
    return this;
  }

  /** Appends an integer value (without tag) as a field of `type` encodes it: fixed, zigzag or varint. */
  integer(type: number, v: bigint): this {
    switch (type) {
      case 15:
      case 7:
        return this.fixed32(Number(BigInt.asUintN(32, v)));
      case 16:
      case 6:
        return this.fixed64(v);
      case 17:
        return this.varint(BigInt.asUintN(32, (v << 1n) ^ (v >> 31n)));
      case 18:
        return this.varint(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
      default:
        return this.varint(v);
    }
  }
}

/** The wire type a field of `type` (`FieldDescriptorProto.Type`, 1..18) is encoded with. */
export function wireTypeOf(type: number): number {
  switch (type) {
    case 1:
    case 6:
    case 16:
      return 1;
    case 2:
    case 7:
    case 15:
      return 5;
    case 9:
    case 12:
    case 11:
      return 2;
    case 10:
      return 3;
    default:
      return 0;
  }
}

/** One top-level record of an encoded message: its field number, wire type and value bytes (without tag). */
export interface WireRecord {
  fieldNumber: number;
  wireType: number;
  /** For varint: the value; otherwise the payload (length-delimited without the length prefix). */
  varint?: bigint;
  payload?: Uint8Array;
}

/** Splits encoded bytes into top-level records; returns undefined if the bytes are malformed. */
export function readRecords(bytes: Uint8Array): WireRecord[] | undefined {
  const out: WireRecord[] = [];
  let p = 0;
  const readVarint = (): bigint | undefined => {
    let shift = 0n;
    let r = 0n;
    for (;;) {
      if (p >= bytes.length || shift > 63n) return undefined;
      const b = bytes[p++]!;
      r |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return r;
      shift += 7n;
    }
  };
  while (p < bytes.length) {
    const tag = readVarint();
    if (tag === undefined) return undefined;
    const fieldNumber = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    switch (wireType) {
      case 0: {
        const v = readVarint();
        if (v === undefined) return undefined;
        out.push({ fieldNumber, wireType, varint: v });
        break;
      }
      case 1:
        if (p + 8 > bytes.length) return undefined;
        out.push({ fieldNumber, wireType, payload: bytes.subarray(p, p + 8) });
        p += 8;
        break;
      case 5:
        if (p + 4 > bytes.length) return undefined;
        out.push({ fieldNumber, wireType, payload: bytes.subarray(p, p + 4) });
        p += 4;
        break;
      case 2: {
        const len = readVarint();
        if (len === undefined || p + Number(len) > bytes.length) return undefined;
        out.push({ fieldNumber, wireType, payload: bytes.subarray(p, p + Number(len)) });
        p += Number(len);
        break;
      }
      case 3: {
        // A group: find its end by scanning nested records.
        const start = p;
        let depth = 1;
        while (depth > 0) {
          const t = readVarint();
          if (t === undefined) return undefined;
          const wt = Number(t & 7n);
          if (wt === 3) depth++;
          else if (wt === 4) depth--;
          else if (wt === 0) {
            if (readVarint() === undefined) return undefined;
          } else if (wt === 1) p += 8;
          else if (wt === 5) p += 4;
          else if (wt === 2) {
            const l = readVarint();
            if (l === undefined) return undefined;
            p += Number(l);
          } else return undefined;
          if (p > bytes.length) return undefined;
        }
        out.push({ fieldNumber, wireType, payload: bytes.subarray(start, p) });
        break;
      }
      default:
        return undefined;
    }
  }
  return out;
}
