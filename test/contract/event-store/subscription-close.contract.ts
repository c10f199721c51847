import type { RecordedEvent } from '../../../services/event-store';
import { delay, idsOf, newStreamName, someEvents, SubscriptionReader, type ContractContext } from './helpers';

/** How a subscription ends: closed by its consumer, or by closing its store. */
export function describeSubscriptionCloseContract(context: ContractContext): void {
  describe('closing a subscription', () => {
    it('ends a pending iteration promptly', async () => {
      const subscription = context.store().subscribeToAll({ after: 'end', filter: { streamPrefixes: [newStreamName()] } });
      const pending = new SubscriptionReader(subscription).next(5_000);
      await delay(20);

      const closedAt = Date.now();
      await subscription.close();

      expect(await pending).toBe('done');
      expect(Date.now() - closedAt).toBeLessThan(1_000);
    });

    it('ends a for-await loop that closes it, delivering nothing more', async () => {
      const stream = newStreamName();
      const events = someEvents(5);
      await context.store().appendToStream(stream, events);
      const subscription = context.store().subscribeToAll({ filter: { streamPrefixes: [stream] } });

      const received: RecordedEvent[] = [];
      for await (const event of subscription) {
        received.push(event);
        if (received.length === 2) await subscription.close();
      }

      expect(idsOf(received)).toEqual(idsOf(events.slice(0, 2)));
    });

    it('is ended by closing its store', async () => {
      const store = await context.open();
      const subscription = store.subscribeToAll({ after: 'end', filter: { streamPrefixes: [newStreamName()] } });
      const pending = new SubscriptionReader(subscription).next(5_000);
      await delay(20);

      await store.close();

      expect(await pending).toBe('done');
    });
  });
}
