import { TestApp } from '../support/api';
import { evidenceInput, fileClaimInput, mutation } from '../support/documents';
import { openEventStore } from '../../infra/main';
import { CLAIM_EVENT_SCHEMA_VERSIONS, claimStreamName, type ClaimEventType } from '../../services/claims';
import { eventHash } from '../../services/hash-chain';
import type { ClaimEventMetadata } from '../../services/metadata';

describe('what every stored claim event carries', () => {
  let app: TestApp;
  afterAll(() => app.stop(true));

  it('carries causation, actor, schema version and an unbroken hash chain', async () => {
    app = await TestApp.start();
    const buyer = await app.token('claimant', 'buyer-meta');
    const agent = await app.token('agent', 'agent-meta');
    const filed = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput({ idempotencyKey: 'meta-file' }) });
    const claimId = filed.data!.fileClaim.claim.id as string;
    await app.gql(buyer, mutation('addEvidence'), { input: evidenceInput(claimId) });
    await app.gql(agent, mutation('assignClaim'), { input: { claimId, agentId: 'agent-meta' } });

    const store = openEventStore(app.config);
    const events = await store.readStream(claimStreamName(claimId));
    await store.close();

    expect(events).toHaveLength(3);
    let prevHash: string | null = null;
    for (const event of events) {
      const { hash, ...rest } = event.metadata as unknown as ClaimEventMetadata;
      expect(rest).toMatchObject({
        commandId: expect.any(String),
        correlationId: expect.any(String),
        causationId: rest.commandId,
        schemaVersion: CLAIM_EVENT_SCHEMA_VERSIONS[event.type as ClaimEventType],
        prevHash,
      });
      const recomputed = eventHash(prevHash, { ...event, metadata: rest });
      expect(hash).toBe(recomputed);
      prevHash = hash;
    }
    expect(events.map((event) => event.metadata.schemaVersion)).toEqual([2, 2, 1]);
    expect(events.map((event) => (event.metadata as unknown as ClaimEventMetadata).actor)).toEqual([
      { id: 'buyer-meta', role: 'claimant' },
      { id: 'buyer-meta', role: 'claimant' },
      { id: 'agent-meta', role: 'agent' },
    ]);
  });
});
