#!/usr/bin/env node
// Verifies an export of `recourse audit export` offline, with Node alone (no package, no Recourse):
//   node verify-export.mjs export.ndjson      (or: … | node verify-export.mjs)
// Recomputes every claim's hash chain: hash = SHA-256(prevHash + "\n" + RFC 8785 JSON of
// {id, streamId, revision, type, data, metadata without hash}). Exit 0 when all are intact, 1 if not.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

// RFC 8785 canonical JSON: JavaScript's number and string forms; object keys sorted by UTF-16 units.
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]`
  : v !== null && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`
  : JSON.stringify(v);

const streams = new Map(); // streamId -> { next revision, prevHash, broken }
let events = 0;
const input = process.argv[2] ? createReadStream(process.argv[2]) : process.stdin;
for await (const line of createInterface({ input, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  const { id, streamId, revision, type, data, metadata: { hash, ...metadata } } = JSON.parse(line);
  const s = streams.get(streamId) ?? { next: 0, prevHash: null, broken: null };
  streams.set(streamId, s);
  events += 1;
  if (s.broken) continue;
  const content = canonical({ id, streamId, revision, type, data, metadata });
  const recomputed = createHash('sha256').update(`${s.prevHash ?? ''}\n${content}`).digest('hex');
  if (revision !== s.next) s.broken = `revision ${s.next} is missing (found ${revision})`;
  else if ((metadata.prevHash ?? null) !== s.prevHash) s.broken = `revision ${revision}: prevHash does not link`;
  else if (hash !== recomputed) s.broken = `revision ${revision}: the event does not match its hash`;
  else Object.assign(s, { next: s.next + 1, prevHash: recomputed });
}
const broken = [...streams].filter(([, s]) => s.broken);
for (const [streamId, s] of broken) console.log(`BROKEN ${streamId}: ${s.broken}`);
console.log(`${streams.size} streams, ${events} events: ${broken.length === 0 ? 'all intact' : `${broken.length} broken`}`);
process.exitCode = broken.length === 0 ? 0 : 1;
