import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from '../../services/canonical-json';
import { eventHash } from '../../services/hash-chain';

/** Values the earlier implementation (json-canonicalize) wrote: ours must write every one the same. */
const SAMPLES: Record<string, unknown> = {
  'an event as the decider makes it': {
    id: '5f0c6a2e-8d1b-4c3a-9e7f-1a2b3c4d5e6f',
    streamId: 'claim-5f0c6a2e-8d1b-4c3a-9e7f-1a2b3c4d5e6f',
    revision: 3,
    type: 'EvidenceAdded',
    data: { kind: 'SCREENSHOT', description: '掉线时 App 报错截图', uri: null, capturedAt: undefined, sizes: [1, 2.5, -0, 1e21, 1e-7] },
    metadata: { actor: { role: 'claimant', id: 'buyer-li' }, prevHash: null, schemaVersion: 2 },
  },
  'keys sorted by UTF-16 code units, not by code points or locale': { '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '\ufb33': 4, a: 5, B: 6, '': 7 },
  'strings with escapes, quotes and lone surrogates': ['"quoted"\n\t\\', '\u0000\u001f\u007f', '\ud800', 'é'],
  'undefined in arrays and objects': [undefined, { gone: undefined, kept: null }, [undefined]],
  'a sparse array': [1, , 3],
  'a Date (written by its toJSON)': { at: new Date('2026-11-24T08:00:00.000Z') },
  'nested empties': { a: {}, b: [], c: [{}], d: '' },
  'large and odd numbers': [Number.MAX_SAFE_INTEGER, 0.1 + 0.2, 123456789012345680000, 5e-324, -1.5e300],
  'a bare string': '爱奇艺黄金VIP会员月卡',
  'a bare number': 42,
  'true, false, null': [true, false, null],
  // Up to 32 keys are sorted one way (an insertion sort), more another (Array.prototype.sort): both here.
  'an object of 32 keys in reverse order': manyKeys(32),
  'an object of 33 keys in reverse order': manyKeys(33),
  'an object of 200 keys, with surrogates and digits': manyKeys(200),
  'a member named __proto__ or toJSON (from JSON.parse)': JSON.parse('{"b":{"__proto__":{"x":1},"a":2},"toJSON":null,"c":{"toJSON":1,"a":[]}}'),
};

/** An object of `count` keys inserted in descending order, some of them integer-like, some astral. */
function manyKeys(count: number): Record<string, number> {
  const keys = Array.from({ length: count }, (_, i) => (i % 3 === 0 ? String(i) : i % 3 === 1 ? `k\ud83d${String.fromCharCode(0xde00 + i)}` : String.fromCharCode(0xfb00 + i)));
  return Object.fromEntries(keys.reverse().map((key, i) => [key, i]));
}

/** The event hash as first written: SHA-256 of the previous hash, a newline, and json-canonicalize of the six members. */
function referenceHash(prevHash: string | null, event: { id: unknown; streamId: unknown; revision: bigint | number; type: unknown; data: unknown; metadata: unknown }): string {
  const { id, streamId, revision, type, data, metadata } = event;
  const text = `${prevHash ?? ''}\n${canonicalize({ id, streamId, revision: Number(revision), type, data, metadata })}`;
  return createHash('sha256').update(text).digest('hex');
}

describe('canonical JSON (RFC 8785)', () => {
  it.each(Object.entries(SAMPLES))('writes %s exactly as json-canonicalize did', (_name, value) => {
    expect(canonicalJson(value)).toBe(canonicalize(value));
  });

  it('refuses non-finite numbers, as JSON cannot hold them', () => {
    expect(() => canonicalJson({ amount: Number.NaN })).toThrow(/Non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/Non-finite/);
  });

  it.each([
    ['a stored event', { id: 'e1', streamId: 'claim-1', revision: 7n, type: 'EvidenceAdded', data: SAMPLES['an event as the decider makes it'], metadata: { prevHash: 'a'.repeat(64), actor: { role: 'agent', id: 'x' } } }],
    ['a revision given as a number', { id: 'e1', streamId: 'claim-1', revision: 7, type: 'T', data: { b: [1, { d: 2, c: 3 }] }, metadata: { prevHash: null } }],
    ['data left undefined', { id: 'e1', streamId: 'claim-1', revision: 0n, type: 'T', data: undefined, metadata: { prevHash: null } }],
    ['data null and a key with escapes', { id: 'e"1', streamId: 'claim-\u2028', revision: 0n, type: '类型', data: null, metadata: { prevHash: null, '\u0001': 1 } }],
  ])('hashes %s exactly as the six members canonicalised by json-canonicalize', (_name, event) => {
    expect(eventHash('f'.repeat(64), event)).toBe(referenceHash('f'.repeat(64), event));
    expect(eventHash(null, event)).toBe(referenceHash(null, event));
  });

  it('keeps the hash of an event appended before the change (a fixed, known hash)', () => {
    const event = { id: 'e1', streamId: 'claim-1', revision: 0n, type: 'ClaimFiled', data: { b: 1, a: '退款' }, metadata: { prevHash: null } };
    // sha256 of '\n{"data":{"a":"退款","b":1},"id":"e1","metadata":{"prevHash":null},"revision":0,"streamId":"claim-1","type":"ClaimFiled"}'
    expect(eventHash(null, event)).toBe('e9b6c99a7e524d7f709b7dffc8149d807a562b96f472a444584410121a91ddd3');
  });
});
