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
  // Strings first: most values of an event are strings, and they need no other test.
  if (typeof value === 'string') return JSON.stringify(value);
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
  for (let i = 0; i < items.length; i++) {
    // The holes of a sparse array are skipped (no element, no comma), as the earlier implementation did.
    if (!(i in items)) continue;
    if (!first) out += ',';
    first = false;
    const item = items[i];
    out += item === undefined ? 'null' : canonicalJson(item);
  }
  return `${out}]`;
}

function object(members: Record<string, unknown>): string {
  const keys = sortedKeys(members);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const member = members[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += quotedKey(key);
    out += ':';
    out += canonicalJson(member);
  }
  return `${out}}`;
}

/** Up to this many keys an insertion sort; above it, Array.prototype.sort. */
const INSERTION_SORT_MAX = 32;

/**
 * The object's keys in UTF-16 code-unit order. `<` and `>` on strings compare code units, as the
 * default sort does; for the few keys of an event's objects an insertion sort with them is about
 * twice as fast (the default sort's comparisons go through its generic string conversion).
 */
function sortedKeys(members: Record<string, unknown>): string[] {
  const keys = Object.keys(members);
  if (keys.length > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** Events repeat the same few dozen keys: each is quoted once, not once per member. */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Bounded: a store whose data uses ids as keys must not grow this without end.
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}
