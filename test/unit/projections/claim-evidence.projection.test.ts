import { claimEvidenceProjection, evolveClaimEvidence } from '../../../projections/claim-evidence/claim-evidence.projection';
import { claimEvents, claimIdOf, recordedStream } from '../../support/projection-fixtures';

const claimId = claimIdOf(2);
const e = claimEvents(claimId);

describe('claim evidence projection', () => {
  it('turns EvidenceAdded into a row keyed by the evidence id', () => {
    const [, added] = recordedStream(claimId, [
      e.filed(),
      e.evidenceAdded({
        evidenceId: 'ev-chat',
        kind: 'CHAT_TRANSCRIPT',
        description: '与客服“小美”的聊天记录，客服承认系统故障',
        digest: { algorithm: 'sha-256', value: 'f'.repeat(64) },
        uri: 'https://evidence.example/chat/ev-chat.png',
        capturedAt: '2025-06-01T19:30:00+08:00',
        occurredAt: '2025-06-01T12:10:00.000Z',
      }),
    ]);
    expect(claimEvidenceProjection.keyOf(added)).toBe('ev-chat');
    expect(evolveClaimEvidence(null, added)).toEqual({
      id: 'ev-chat',
      claimId,
      kind: 'CHAT_TRANSCRIPT',
      description: '与客服“小美”的聊天记录，客服承认系统故障',
      sha256: 'f'.repeat(64),
      uri: 'https://evidence.example/chat/ev-chat.png',
      capturedAt: '2025-06-01T11:30:00.000Z',
      addedAt: '2025-06-01T12:10:00.000Z',
      revision: 1,
      position: '20',
    });
  });

  it('keeps an existing row when the same EvidenceAdded comes again', () => {
    const [added] = recordedStream(claimId, [e.evidenceAdded()], { fromRevision: 1n });
    const row = evolveClaimEvidence(null, added);
    expect(evolveClaimEvidence(row, added)).toBe(row);
  });

  it('touches no row for other event types or streams that are not claims', () => {
    const [filed, added] = recordedStream(claimId, [e.filed(), e.evidenceAdded()]);
    expect(claimEvidenceProjection.keyOf(filed)).toBeNull();
    expect(claimEvidenceProjection.keyOf({ ...added, streamId: 'token-1234' })).toBeNull();
    expect(evolveClaimEvidence(null, { ...added, streamId: 'token-1234' })).toBeNull();
    expect(claimEvidenceProjection.handles).toEqual(['EvidenceAdded']);
  });
});
