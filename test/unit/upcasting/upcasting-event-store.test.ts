import type { EventData, RecordedEvent } from '../../../services/event-store';
import { upcastingEventStore, type EvidenceAddedV1Data } from '../../../services/upcasting';
import { MemoryEventStore } from '../../support/projection-memory-store';

const claimId = '00000000-0000-4000-8000-0000000000bb';
const stream = `claim-${claimId}`;
const SHA = 'b'.repeat(64);

const v1: EvidenceAddedV1Data = {
  claimId,
  occurredAt: '2025-06-01T12:00:00.000Z',
  evidenceId: 'ev-1',
  kind: 'SCREENSHOT',
  description: '掉线报错截图',
  sha256: SHA,
  uri: null,
  capturedAt: null,
};
const v1Event: EventData = { id: 'e-1', type: 'EvidenceAdded', data: v1, metadata: { schemaVersion: 1 } };
const followUp: EventData = {
  id: 'e-2',
  type: 'ClaimantFollowedUp',
  data: { claimId, message: '请尽快处理', occurredAt: '2025-06-01T13:00:00.000Z' },
  metadata: { schemaVersion: 1 },
};
const DIGEST = { algorithm: 'sha-256', value: SHA };

describe('an upcasting event store', () => {
  let raw: MemoryEventStore;
  let store: ReturnType<typeof upcastingEventStore>;

  beforeEach(async () => {
    raw = new MemoryEventStore();
    store = upcastingEventStore(raw);
    await raw.appendToStream(stream, [v1Event, followUp]);
  });

  it('reads streams in the current shape, ranges included', async () => {
    const [evidence, followedUp] = await store.readStream(stream);
    expect(evidence.data).toMatchObject({ digest: DIGEST });
    expect(evidence.data).not.toHaveProperty('sha256');
    expect(followedUp.data).toEqual(followUp.data);
    expect(await store.readStream(stream, { fromRevision: 1n })).toHaveLength(1);
  });

  it('reads $all in the current shape', async () => {
    const [evidence] = await store.readAll();
    expect(evidence.data).toMatchObject({ digest: DIGEST });
  });

  it('delivers subscriptions in the current shape, caught up and live', async () => {
    const subscription = store.subscribeToAll();
    const seen: RecordedEvent[] = [];
    const reading = (async () => {
      for await (const event of subscription) {
        seen.push(event);
        if (seen.length === 3) break;
      }
    })();
    await raw.appendToStream(stream, [{ ...v1Event, id: 'e-3', data: { ...v1, evidenceId: 'ev-2' } }]);
    await reading;
    await subscription.close();
    expect(seen.map((event) => (event.data as { digest?: unknown }).digest ?? null)).toEqual([DIGEST, null, DIGEST]);
  });

  it('leaves the stored events as they were: the raw store still reads version 1', async () => {
    await store.readStream(stream);
    const [stored] = await raw.readStream(stream);
    expect(stored.data).toEqual(v1);
    expect(stored.metadata.schemaVersion).toBe(1);
  });

  it('passes appends and the head position through', async () => {
    const result = await store.appendToStream(stream, [{ ...followUp, id: 'e-4' }], { expectedRevision: 1n });
    expect(result.nextExpectedRevision).toBe(2n);
    expect(await store.headPosition()).toBe(await raw.headPosition());
  });
});
