/**
 * The canonical JSON of RFC 8785 (JCS), as the hash chain and request hashes need it: object keys
 * sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's JSON.stringify
 * writes them (which is what RFC 8785 specifies). Undefined object members are left out and
 * undefined array elements written as null; a value with `toJSON` (a Date) is written as
 * JSON.stringify writes it; a non-finite number is refused.
 *
 * It writes exactly what json-canonicalize's `canonicalize` wrote before it (a test compares them),
 * so every stored hash still verifies; it exists because that one built a path string for every
 * member to report cycles, and hashing was most of the audit's time. Values here come from
 * JSON.parse or from the decider, so they cannot be circular (a cycle would overflow the stack).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || (value as { toJSON?: unknown }).toJSON != null) {
    return primitive(value);
  }
  if (Array.isArray(value)) return array(value);
  return object(value as Record<string, unknown>);
}

function primitive(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`);
  }
  // JSON.stringify answers undefined for undefined, functions and symbols; written as such, as before.
  return `${JSON.stringify(value)}`;
}

function array(items: readonly unknown[]): string {
  let out = '[';
  let first = true;
  // forEach skips the holes of a sparse array, as the earlier implementation did.
  items.forEach((item) => {
    out += first ? '' : ',';
    first = false;
    out += item === undefined ? 'null' : canonicalJson(item);
  });
  return `${out}]`;
}

function object(members: Record<string, unknown>): string {
  const keys = Object.keys(members).filter((key) => members[key] !== undefined);
  keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ',';
    out += JSON.stringify(keys[i]);
    out += ':';
    out += canonicalJson(members[keys[i]]);
  }
  return `${out}}`;
}
