import { claimDecider, CLAIM_EVENT_SCHEMA_VERSIONS, CLAIM_EVENT_TYPES, type ClaimEvent } from '../../../services/claims';
import type { RecordedEvent } from '../../../services/event-store';
import {
  CLAIM_UPCAST_STEPS,
  createUpcaster,
  upcastClaimEvent,
  upcastStep,
  type EvidenceAddedV1Data,
} from '../../../services/upcasting';
import { actors, aClaim, commands } from '../../support/claim-builders';

const claimId = '00000000-0000-4000-8000-0000000000aa';
const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function recorded(type: string, data: unknown, metadata: Record<string, unknown>, revision = 1n): RecordedEvent {
  return {
    streamId: `claim-${claimId}`,
    revision,
    position: 10n + revision,
    id: `event-${revision}`,
    type,
    data,
    metadata,
    recordedAt: new Date('2025-06-01T12:00:00.000Z'),
  };
}

const v1Data: EvidenceAddedV1Data = {
  claimId,
  occurredAt: '2025-06-01T12:00:00.000Z',
  evidenceId: 'ev-payment',
  kind: 'PAYMENT_RECORD',
  description: '支付宝账单截图',
  sha256: SHA,
  uri: null,
  capturedAt: null,
};
const chain = { prevHash: 'p'.repeat(64), hash: 'h'.repeat(64), actor: actors.claimant };

describe('upcasting EvidenceAdded from version 1', () => {
  it('turns the bare sha256 into a named digest in the same place, and says version 2', () => {
    const upcast = upcastClaimEvent(recorded('EvidenceAdded', v1Data, { ...chain, schemaVersion: 1 }));
    expect(upcast.data).toEqual({ ...withoutSha(v1Data), digest: { algorithm: 'sha-256', value: SHA } });
    expect(Object.keys(upcast.data as object)).toEqual([
      'claimId', 'occurredAt', 'evidenceId', 'kind', 'description', 'digest', 'uri', 'capturedAt',
    ]);
    expect(upcast.metadata).toEqual({ ...chain, schemaVersion: 2 });
  });

  it('keeps the stored hash chain and everything but the data and version as stored', () => {
    const stored = recorded('EvidenceAdded', v1Data, { ...chain, schemaVersion: 1 });
    const { data: _data, metadata: _metadata, ...rest } = upcastClaimEvent(stored);
    const { data: _storedData, metadata: _storedMetadata, ...storedRest } = stored;
    expect(rest).toEqual(storedRest);
    expect(stored.data).toEqual(v1Data);
  });

  it('reads an event without a schema version as version 1 (written before versions were recorded)', () => {
    const upcast = upcastClaimEvent(recorded('EvidenceAdded', v1Data, { ...chain }));
    expect(upcast.data).toMatchObject({ digest: { algorithm: 'sha-256', value: SHA } });
    expect(upcast.metadata.schemaVersion).toBe(2);
  });

  it('returns current events, other types and other streams as the very same object', () => {
    const v2Data = { ...withoutSha(v1Data), digest: { algorithm: 'sha-256', value: SHA } };
    const current = recorded('EvidenceAdded', v2Data, { schemaVersion: 2 });
    const other = recorded('ClaimAssigned', { claimId, agentId: 'agent-zhao' }, { schemaVersion: 1 });
    const token = { ...recorded('TokenIssued', { subject: 'x' }, {}), streamId: 'token-1' };
    for (const event of [current, other, token]) expect(upcastClaimEvent(event)).toBe(event);
  });

  it('changes nothing the second time', () => {
    const once = upcastClaimEvent(recorded('EvidenceAdded', v1Data, { schemaVersion: 1 }));
    expect(upcastClaimEvent(once)).toBe(once);
  });

  it('lets the decider count a version-1 payment record once upcast, so a refund can be granted', () => {
    const claim = aClaim();
    const stored = [claim.filed(), { type: 'EvidenceAdded', data: { ...v1Data, claimId: claim.claimId } }];
    const events = stored.map((event, i) => upcastClaimEvent(recorded(event.type, event.data, { schemaVersion: 1 }, BigInt(i))));
    const state = events.reduce((folded, event) => claimDecider.evolve(folded, event as ClaimEvent), claimDecider.initialState());
    expect(state).toMatchObject({ paymentRecordOnFile: true, evidenceSinceRejection: ['ev-payment'] });
    expect(claimDecider.decide(commands.resolveClaim(), state).map((event) => event.type)).toEqual(['ClaimResolved']);
  });
});

describe('an upcaster', () => {
  const steps = [
    upcastStep('Renamed', 1, (data: { a: number }) => ({ b: data.a })),
    upcastStep('Renamed', 2, (data: { b: number }) => ({ c: String(data.b) })),
  ];

  it('takes every step from the stored version to the newest, one version at a time', () => {
    const upcast = createUpcaster(steps);
    const version3 = (c: string) => ({ data: { c }, metadata: { schemaVersion: 3 } });
    expect(upcast(recorded('Renamed', { a: 7 }, { schemaVersion: 1 }))).toMatchObject(version3('7'));
    expect(upcast(recorded('Renamed', { b: 8 }, { schemaVersion: 2 }))).toMatchObject(version3('8'));
  });

  it('refuses two steps from the same version of a type', () => {
    const twice = [...steps, upcastStep('Renamed', 1, (data) => data)];
    expect(() => createUpcaster(twice)).toThrow(/two upcast steps from Renamed version 1/);
  });

  it('has a step into every current claim event version above 1, and none beyond it', () => {
    for (const type of CLAIM_EVENT_TYPES) {
      const versions = CLAIM_UPCAST_STEPS.filter((step) => step.eventType === type).map((step) => step.fromVersion + 1);
      const expected = Array.from({ length: CLAIM_EVENT_SCHEMA_VERSIONS[type] - 1 }, (_, i) => i + 2);
      expect({ type, versions: versions.sort() }).toEqual({ type, versions: expected });
    }
    expect(CLAIM_UPCAST_STEPS.every((step) => (CLAIM_EVENT_TYPES as readonly string[]).includes(step.eventType))).toBe(true);
  });
});

function withoutSha({ sha256: _sha, ...rest }: EvidenceAddedV1Data) {
  return rest;
}
