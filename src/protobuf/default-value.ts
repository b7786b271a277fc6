/**
 * Parses a proto2 `default` as `FieldDescriptorProto.default_value` spells it: decimal integers, `inf`/`-inf`/
 * `nan` and decimal floats, `true`/`false`, strings as they are, bytes C-escaped (protoc's `CEscape`), enum
 * values by name.
 */
import type { LongType } from "./desc.js";
import { ScalarType } from "./desc.js";
import { ProtobufError } from "./errors.js";

/** Parses `text` as the default of a scalar field of type `scalar`; `where` names the field for errors. */
export function parseScalarDefault(
  scalar: ScalarType,
  longType: LongType,
  text: string,
  where: string,
): number | bigint | string | boolean | Uint8Array {
  const fail = (): never => {
    throw new ProtobufError(`${where}: invalid default value ${JSON.stringify(text)} for type ${ScalarType[scalar]!.toLowerCase()}`);
  };
  switch (scalar) {
    case ScalarType.DOUBLE:
    case ScalarType.FLOAT: {
      if (text === "inf") return Infinity;
      if (text === "-inf") return -Infinity;
      if (text === "nan") return NaN;
      const n = Number(text);
      if (text.trim() === "" || Number.isNaN(n)) fail();
      return scalar === ScalarType.FLOAT ? Math.fround(n) : n;
    }
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
    case ScalarType.UINT32:
    case ScalarType.FIXED32: {
      if (!/^-?(0|[1-9][0-9]*|0x[0-9a-fA-F]+|0[0-7]+)$/.test(text)) fail();
      const n = parseInteger(text);
      const unsigned = scalar === ScalarType.UINT32 || scalar === ScalarType.FIXED32;
      if (unsigned ? n < 0n || n > 0xffffffffn : n < -0x80000000n || n > 0x7fffffffn) fail();
      return Number(n);
    }
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
    case ScalarType.UINT64:
    case ScalarType.FIXED64: {
      if (!/^-?(0|[1-9][0-9]*|0x[0-9a-fA-F]+|0[0-7]+)$/.test(text)) fail();
      const n = parseInteger(text);
      const unsigned = scalar === ScalarType.UINT64 || scalar === ScalarType.FIXED64;
      if (unsigned ? n < 0n || n > 0xffffffffffffffffn : n < -0x8000000000000000n || n > 0x7fffffffffffffffn) fail();
      return longType === "string" ? n.toString() : longType === "number" ? Number(n) : n;
    }
    case ScalarType.BOOL:
      if (text === "true") return true;
      if (text === "false") return false;
      return fail();
    case ScalarType.STRING:
      return text;
    case ScalarType.BYTES: {
      const bytes = unescapeBytes(text);
      return bytes ?? fail();
    }
  }
  return fail();
}

function parseInteger(text: string): bigint {
  const negative = text.startsWith("-");
  const digits = negative ? text.slice(1) : text;
  let n: bigint;
  if (/^0x/i.test(digits)) n = BigInt(digits);
  else if (digits.length > 1 && digits.startsWith("0")) n = BigInt("0o" + digits.slice(1));
  else n = BigInt(digits);
  return negative ? -n : n;
}

const simpleEscapes: Record<string, number> = {
  n: 0x0a, r: 0x0d, t: 0x09, '"': 0x22, "'": 0x27, "\\": 0x5c, "?": 0x3f, a: 0x07, b: 0x08, f: 0x0c, v: 0x0b,
};

/** Undoes C escaping (`\n`, `\\`, `\123`, `\x7f`); other characters are taken as UTF-8. `undefined` if malformed. */
export function unescapeBytes(text: string): Uint8Array | undefined {
  const out: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== "\\") {
      const code = text.charCodeAt(i);
      if (code < 0x80) out.push(code);
      else {
        const cp = text.codePointAt(i)!;
        const s = String.fromCodePoint(cp);
        for (const b of utf8.encode(s)) out.push(b);
        i += s.length - 1;
      }
      continue;
    }
    const e = text[++i];
    if (e === undefined) return undefined;
    if (e in simpleEscapes) {
      out.push(simpleEscapes[e]!);
    } else if (e >= "0" && e <= "7") {
      let v = 0;
      let n = 0;
      while (n < 3 && i < text.length && text[i]! >= "0" && text[i]! <= "7") {
        v = v * 8 + (text.charCodeAt(i) - 48);
        i++;
        n++;
      }
      i--;
      if (v > 255) return undefined;
      out.push(v);
    } else if (e === "x" || e === "X") {
      let v = 0;
      let n = 0;
      while (n < 2 && i + 1 < text.length && /[0-9a-fA-F]/.test(text[i + 1]!)) {
        v = v * 16 + parseInt(text[++i]!, 16);
        n++;
      }
      if (n === 0) return undefined;
      out.push(v);
    } else {
      return undefined;
    }
  }
  return new Uint8Array(out);
}
