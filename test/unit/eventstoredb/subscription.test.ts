import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import type { RecordedEvent, SubscribeToAllOptions } from '../../../services/event-store';
import { ResubscribingSubscription } from '../../../infra/event-store/eventstoredb/subscription';
import { FakeSource } from './fake-source';
import { jsonAt } from './server-events';

const FAST = { initialDelayMs: 1, maxDelayMs: 4 };

function subscribe(source: FakeSource, options: SubscribeToAllOptions & { onDrop?: jest.Mock } = {}) {
  const subscription = new ResubscribingSubscription(source, { retry: FAST, ...options });
  return { subscription, iterator: subscription[Symbol.asyncIterator]() };
}

/** The next `count` events, failing instead of hanging. */
async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<bigint[]> {
  const positions: bigint[] = [];
  for (let n = 0; n < count; n += 1) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no event ${n + 1}`)), 2_000);
    });
    const next = await Promise.race([iterator.next(), timeout]).finally(() => clearTimeout(timer));
    if (next.done === true) throw new Error(`the subscription ended after ${n} events`);
    positions.push(next.value.position);
  }
  return positions;
}

describe('a resubscribing $all subscription', () => {
  it('delivers the events after its starting position, skipping the one a server repeats at it', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source, { after: 100n });
    const taking = take(iterator, 2);

    (await source.nth(1)).push(jsonAt(100n), jsonAt(200n), jsonAt(300n));

    expect(await taking).toEqual([200n, 300n]);
    expect(source.opened[0].after).toBe(100n);
    await subscription.close();
  });

  it('resubscribes after a drop from the last delivered position and delivers nothing twice', async () => {
    const source = new FakeSource();
    const onDrop = jest.fn();
    const { subscription, iterator } = subscribe(source, { onDrop });
    const taking = take(iterator, 3);

    const first = await source.nth(1);
    first.push(jsonAt(10n), jsonAt(20n));
    first.fail(new UnavailableError());
    // The new server subscription starts at the position given: the event there comes back.
    (await source.nth(2)).push(jsonAt(20n), jsonAt(30n));

    expect(await taking).toEqual([10n, 20n, 30n]);
    expect(source.opened.map((server) => server.after)).toEqual([0n, 20n]);
    expect(onDrop).toHaveBeenCalledWith(expect.any(UnavailableError), 1);
    expect(first.unsubscribe).toHaveBeenCalled();
    await subscription.close();
  });

  it('resumes from a checkpoint past a stretch where nothing matched', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source, { filter: { eventTypes: ['Wanted'] } });
    const taking = take(iterator, 2);

    const first = await source.nth(1);
    first.push(jsonAt(10n, 'test-1', 'Wanted'));
    first.checkpoint(5_000n);
    first.fail(new UnavailableError());
    (await source.nth(2)).push(jsonAt(6_000n, 'test-1', 'Wanted'));

    expect(await taking).toEqual([10n, 6_000n]);
    expect(source.opened[1].after).toBe(5_000n);
    await subscription.close();
  });

  it('ignores a checkpoint from a server subscription it has already given up on', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source);
    const taking = take(iterator, 1);

    const first = await source.nth(1);
    first.push(jsonAt(10n));
    await taking;
    void iterator.next();
    first.fail(new UnavailableError());
    const second = await source.nth(2);
    first.checkpoint(9_000n);
    second.fail(new UnavailableError());

    expect((await source.nth(3)).after).toBe(10n);
    await subscription.close();
  });

  it('counts drops in a row for the backoff, starting again once events flow', async () => {
    const source = new FakeSource();
    const onDrop = jest.fn();
    const { subscription, iterator } = subscribe(source, { onDrop });
    const taking = take(iterator, 1);

    (await source.nth(1)).fail(new UnavailableError());
    (await source.nth(2)).fail(new UnavailableError());
    const third = await source.nth(3);
    third.push(jsonAt(10n));
    await taking;
    // A drop is noticed when the consumer asks for the next event.
    void iterator.next();
    third.fail(new UnavailableError());
    await source.nth(4);

    expect(onDrop.mock.calls.map(([, attempt]) => attempt)).toEqual([1, 2, 1]);
    await subscription.close();
  });

  it('treats a server subscription that ends by itself as a drop', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source);
    const taking = take(iterator, 2);

    const first = await source.nth(1);
    first.push(jsonAt(10n));
    first.stream.end();
    (await source.nth(2)).push(jsonAt(10n), jsonAt(20n));

    expect(await taking).toEqual([10n, 20n]);
    expect(source.opened[1].after).toBe(10n);
    await subscription.close();
  });

  it('never delivers system events or events outside the filter, whatever the server sends', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source, { filter: { streamPrefixes: ['test-a'], eventTypes: ['Wanted'] } });
    const taking = take(iterator, 2);

    (await source.nth(1)).push(
      jsonAt(10n, 'test-a-1', 'Wanted'),
      jsonAt(20n, '$$test-a-1', '$metadata'),
      jsonAt(30n, 'test-a-1', 'Other'),
      jsonAt(40n, 'test-b-1', 'Wanted'),
      jsonAt(50n, 'test-A-1', 'Wanted'),
      jsonAt(60n, 'test-a-2', 'Wanted'),
    );

    expect(await taking).toEqual([10n, 60n]);
    await subscription.close();
  });

  it('with after: end, asks for the server’s last position when created and starts after it', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source, { after: 'end' });

    expect(source.lastPosition).toHaveBeenCalledTimes(1);
    const taking = take(iterator, 1);
    (await source.nth(1)).push(jsonAt(1_000n), jsonAt(1_001n));

    expect(await taking).toEqual([1_001n]);
    expect(source.opened[0].after).toBe(1_000n);
    await subscription.close();
  });

  it('asks again for the last position when the server could not answer', async () => {
    const source = new FakeSource();
    source.lastPosition.mockRejectedValueOnce(new UnavailableError());
    const { subscription, iterator } = subscribe(source, { after: 'end' });
    void iterator.next();

    expect((await source.nth(1)).after).toBe(1_000n);
    expect(source.lastPosition).toHaveBeenCalledTimes(2);
    await subscription.close();
  });

  it('ends a pending next() promptly on close and cancels the server subscription', async () => {
    const source = new FakeSource();
    const { subscription, iterator } = subscribe(source);
    const pending = iterator.next();
    const server = await source.nth(1);

    const closedAt = Date.now();
    await subscription.close();

    expect(await pending).toEqual({ done: true, value: undefined });
    expect(Date.now() - closedAt).toBeLessThan(500);
    expect(server.unsubscribe).toHaveBeenCalled();
  });

  it('ends the iteration with the error when the server refuses access, without retrying', async () => {
    const source = new FakeSource();
    const onClose = jest.fn();
    const subscription = new ResubscribingSubscription(source, { retry: FAST, onClose });
    const pending = subscription[Symbol.asyncIterator]().next();

    (await source.nth(1)).fail(new AccessDeniedError());

    await expect(pending).rejects.toBeInstanceOf(AccessDeniedError);
    expect(source.opened).toHaveLength(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('refuses a negative starting position', () => {
    expect(() => new ResubscribingSubscription(new FakeSource(), { after: -1n })).toThrow(RangeError);
  });
});
