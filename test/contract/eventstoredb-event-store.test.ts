import { EventStoreDBClient } from '@eventstore/db-client';
import { openEventStoreDbEventStore } from '../../infra/event-store/eventstoredb/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';
import { anEvent, newStreamName, SubscriptionReader } from './event-store/helpers';

/**
 * The shared event-store contract against a live EventStoreDB / KurrentDB, when
 * EVENTSTORE_CONNECTION_STRING names one (`npm run test:eventstoredb`). Tests write to fresh
 * `test-<uuid>` streams, so a shared or long-lived server is fine. Without a server the suite is
 * reported as skipped, and says so.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING ?? '';
const SKIPPED = 'EventStoreDB contract suite SKIPPED: set EVENTSTORE_CONNECTION_STRING=esdb://… to run it';

if (connectionString === '') {
  console.warn(
    `${SKIPPED}, e.g.\n  EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npm run test:eventstoredb`,
  );
  describe.skip(SKIPPED, () => {
    it('passes the event-store contract on a live EventStoreDB / KurrentDB server', () => undefined);
  });
} else {
  const open = async () => openEventStoreDbEventStore({ connectionString });

  describeEventStoreContract('eventstoredb', open);

  describe('the EventStoreDB event store on a live server', () => {
    it('hands on none of the system events the server writes, in reads or subscriptions', async () => {
      const store = await open();
      const client = EventStoreDBClient.connectionString(connectionString);
      const stream = newStreamName();
      const subscription = store.subscribeToAll({ after: 'end' });
      try {
        const { position: before } = await store.appendToStream(stream, [anEvent()]);
        // Stream metadata is a system event (`$metadata` in `$$<stream>`), written between ours.
        await client.setStreamMetadata(stream, { maxCount: 1_000 });
        const last = anEvent('Last');
        await store.appendToStream(stream, [last]);

        const read = await store.readAll({ after: before, maxCount: 10_000 });
        const delivered = await new SubscriptionReader(subscription).until((event) => event.id === last.id);

        for (const event of [...read, ...delivered]) {
          expect(event.type.startsWith('$') || event.streamId.startsWith('$')).toBe(false);
        }
        expect(read.map((event) => event.id)).toContain(last.id);
      } finally {
        await subscription.close();
        await store.close();
        await client.dispose();
      }
    });
  });
}
