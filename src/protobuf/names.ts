/**
 * Names derived from proto names: the JSON name (protoc's rule) and the property names messages use in
 * JavaScript (`localName`), escaped where a plain object's own machinery would get in the way.
 */

/**
 * protoc's `ToJsonName`: drops underscores and upper-cases the letter after each one; everything else is
 * kept as is (the first letter is not lower-cased). `foo_bar` → `fooBar`, `foo_1` → `foo1`.
 */
export function protoJsonName(protoName: string): string {
  let out = "";
  let upperNext = false;
  for (let i = 0; i < protoName.length; i++) {
    const c = protoName[i]!;
    if (c === "_") {
      upperNext = true;
    } else if (upperNext) {
      out += c.toUpperCase();
      upperNext = false;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Property names a message object must not use as they are: `__proto__` would set the prototype, and the
 * others are inherited from `Object.prototype`, so an unset field would read as a function.
 */
const reservedPropertyNames = new Set([
  "__proto__",
  "constructor",
  "toString",
  "toJSON",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

/** Appends `$` to a property name that is reserved (see above); other names are returned unchanged. */
export function safeObjectProperty(name: string): string {
  return reservedPropertyNames.has(name) ? name + "$" : name;
}

/** The property name of a field or oneof on a message object: lowerCamelCase (protoc's rule), escaped. */
export function localName(protoName: string): string {
  return safeObjectProperty(protoJsonName(protoName));
}

/** The property name of an RPC on client stubs and handler objects: the first letter lower-cased, escaped. */
export function methodLocalName(protoName: string): string {
  return safeObjectProperty(protoName.length === 0 ? protoName : protoName[0]!.toLowerCase() + protoName.slice(1));
}
