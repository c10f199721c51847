import type { EventStore } from '../../services/event-store';
import { TOKEN_STREAM_PREFIX, type TokenRevoked } from '../../services/tokens';
import type { Logger } from '../logger';

/**
 * Follows token revocations from now on, whichever process appended them (`recourse token revoke`
 * writes straight into the event store), and tells `onRevoked` of each. Close it before the store.
 */
export function followTokenRevocations(store: EventStore, onRevoked: (tokenId: string) => void, logger: Logger): { close(): Promise<void> } {
  const subscription = store.subscribeToAll({ after: 'end', filter: { streamPrefixes: [TOKEN_STREAM_PREFIX], eventTypes: ['TokenRevoked'] } });
  const done = (async () => {
    for await (const event of subscription) onRevoked((event.data as TokenRevoked).tokenId);
  })().catch((error: unknown) => logger.error({ err: error }, 'following token revocations stopped; revoked tokens still fail their next operation'));
  return {
    async close() {
      await subscription.close();
      await done;
    },
  };
}
