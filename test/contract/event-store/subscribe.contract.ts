import type { EventData, EventStore } from '../../../services/event-store';
import { anEvent, delay, idsOf, newStreamName, someEvents, SubscriptionReader, type ContractContext } from './helpers';

/** Catch-up subscriptions to `$all`: from a position, then live; filtered; closed. */
export function describeSubscribeContract(context: ContractContext): void {
  /** Appends `events` one small batch at a time, yielding to the event loop between batches. */
  async function appendTrickle(store: EventStore, stream: string, events: EventData[]): Promise<void> {
    for (let n = 0; n < events.length; n += 3) {
      await store.appendToStream(stream, events.slice(n, n + 3));
      await delay(n % 4 === 0 ? 5 : 0);
    }
  }

  describe('subscribeToAll', () => {
    it('catches up from a position, then delivers live events in order, none missed or repeated', async () => {
      const stream = newStreamName();
      const early = someEvents(10);
      await context.store().appendToStream(stream, early);
      const recorded = await context.store().readStream(stream);
      const live = someEvents(60);
      const last = anEvent('Last');

      const subscription = context.store().subscribeToAll({
        after: recorded[4].position,
        filter: { streamPrefixes: [stream] },
      });
      const writing = appendTrickle(context.store(), stream, [...live, last]);
      const received = await new SubscriptionReader(subscription).until((event) => event.id === last.id);
      await writing;
      await subscription.close();

      expect(idsOf(received)).toEqual(idsOf([...early.slice(5), ...live, last]));
      expect(received.map((event) => event.revision)).toEqual(received.map((_, n) => BigInt(n + 5)));
    });

    it('delivers events appended while the consumer was not reading', async () => {
      const stream = newStreamName();
      const subscription = context.store().subscribeToAll({ after: 'end', filter: { streamPrefixes: [stream] } });
      const reader = new SubscriptionReader(subscription);
      const first = anEvent();
      await context.store().appendToStream(stream, [first]);
      expect((await reader.until(() => true)).map((event) => event.id)).toEqual([first.id]);

      const later = someEvents(5);
      for (const event of later) await context.store().appendToStream(stream, [event]);
      await delay(50);

      expect(idsOf(await reader.until((event) => event.id === later[4].id))).toEqual(idsOf(later));
      await subscription.close();
    });

    it('starts from the beginning by default', async () => {
      const stream = newStreamName();
      const events = someEvents(3);
      await context.store().appendToStream(stream, events);

      const subscription = context.store().subscribeToAll({ filter: { streamPrefixes: [stream] } });
      const received = await new SubscriptionReader(subscription).until((event) => event.id === events[2].id);
      await subscription.close();

      expect(idsOf(received)).toEqual(idsOf(events));
    });

    it('with after: end delivers only events appended after subscribing', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(3));

      const subscription = context.store().subscribeToAll({ after: 'end', filter: { streamPrefixes: [stream] } });
      const fresh = someEvents(2);
      await context.store().appendToStream(stream, fresh);
      const received = await new SubscriptionReader(subscription).until((event) => event.id === fresh[1].id);
      await subscription.close();

      expect(idsOf(received)).toEqual(idsOf(fresh));
    });

    it('filters by stream prefix, any of several', async () => {
      const base = newStreamName();
      const subscription = context.store().subscribeToAll({
        after: 'end',
        filter: { streamPrefixes: [`${base}-a`, `${base}-b`] },
      });
      const [a, b, c, last] = [anEvent(), anEvent(), anEvent(), anEvent('Last')];
      await context.store().appendToStream(`${base}-a-1`, [a]);
      await context.store().appendToStream(`${base}-c-1`, [c]);
      await context.store().appendToStream(`${base}-b-1`, [b]);
      await context.store().appendToStream(`${base}-A-1`, [anEvent()]);
      await context.store().appendToStream(`${base}-a-2`, [last]);

      const received = await new SubscriptionReader(subscription).until((event) => event.id === last.id);
      await subscription.close();

      expect(idsOf(received)).toEqual(idsOf([a, b, last]));
      expect(received.map((event) => event.streamId)).toEqual([`${base}-a-1`, `${base}-b-1`, `${base}-a-2`]);
    });

    it('filters by event type', async () => {
      const stream = newStreamName();
      const subscription = context.store().subscribeToAll({
        after: 'end',
        filter: { streamPrefixes: [stream], eventTypes: ['ClaimFiled', 'ClaimClosed'] },
      });
      const wanted = [anEvent('ClaimFiled'), anEvent('ClaimClosed')];
      await context.store().appendToStream(stream, [wanted[0], anEvent('EvidenceAdded'), anEvent('ClaimRejected')]);
      await context.store().appendToStream(stream, [anEvent('ClaimFiledLater'), wanted[1]]);

      const received = await new SubscriptionReader(subscription).until((event) => event.id === wanted[1].id);
      await subscription.close();

      expect(idsOf(received)).toEqual(idsOf(wanted));
    });

    it('reaches a matching event behind a long run of events the filter skips', async () => {
      const stream = newStreamName();
      const subscription = context.store().subscribeToAll({
        after: 'end',
        filter: { streamPrefixes: [stream], eventTypes: ['Wanted'] },
      });
      const wanted = anEvent('Wanted');
      for (let n = 0; n < 3; n += 1) await context.store().appendToStream(stream, someEvents(700, 'Noise'));
      await context.store().appendToStream(stream, [wanted]);

      const received = await new SubscriptionReader(subscription).until(() => true);
      await subscription.close();

      expect(received.map((event) => [event.id, event.revision])).toEqual([[wanted.id, 2_100n]]);
    });

    it('delivers events appended through another store object', async () => {
      const stream = newStreamName();
      const other = await context.open();
      const subscription = context.store().subscribeToAll({ after: 'end', filter: { streamPrefixes: [stream] } });
      const events = someEvents(3);
      try {
        // Reading starts first, so the subscription is already waiting when the other store appends.
        const receiving = new SubscriptionReader(subscription).until((event) => event.id === events[2].id);
        await delay(20);
        await appendTrickle(other, stream, events);
        expect(idsOf(await receiving)).toEqual(idsOf(events));
      } finally {
        await subscription.close();
        await other.close();
      }
    });
  });
}
