/**
 * C escaping and unescaping of byte strings, as protoc writes and reads `bytes` default values
 * (`CEscape` / `UnescapeCEscapeString`).
 */

/** Escapes bytes: `\n`, `\r`, `\t`, `\"`, `\'`, `\\`, and other non-printable bytes as 3-digit octal. */
export function cEscape(bytes: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    switch (c) {
      case 0x0a: out += "\\n"; break;
      case 0x0d: out += "\\r"; break;
      case 0x09: out += "\\t"; break;
      case 0x22: out += '\\"'; break;
      case 0x27: out += "\\'"; break;
      case 0x5c: out += "\\\\"; break;
      default:
        if (c < 0x20 || c >= 0x7f) out += "\\" + c.toString(8).padStart(3, "0");
        else out += String.fromCharCode(c);
    }
  }
  return out;
}
