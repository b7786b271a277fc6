/**
 * protoc's UnescapeCEscapeString: turns a C-escaped string (as stored in a `bytes` field's
 * `default_value`) back into bytes.
 */
export function parseCUnescape(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= s.length) {
      if (c < 0x80) out.push(c);
      else for (const b of new TextEncoder().encode(s[i]!)) out.push(b);
      continue;
    }
    const e = s[++i]!;
    if (e >= "0" && e <= "7") {
      let code = e.charCodeAt(0) - 48;
      for (let k = 0; k < 2 && i + 1 < s.length && s[i + 1]! >= "0" && s[i + 1]! <= "7"; k++) {
        code = code * 8 + (s.charCodeAt(++i) - 48);
      }
      out.push(code & 0xff);
    } else if (e === "x" || e === "X") {
      let code = 0;
      while (i + 1 < s.length && /[0-9a-fA-F]/.test(s[i + 1]!)) code = (code * 16 + parseInt(s[++i]!, 16)) & 0xff;
      out.push(code);
    } else {
      const map: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, "\\": 92, "'": 39, '"': 34, "?": 63 };
      out.push(map[e] ?? e.charCodeAt(0));
    }
  }
  return out;
}
