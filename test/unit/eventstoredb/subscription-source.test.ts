import { START, type AllStreamSubscription, type SubscribeToAllOptions } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import type { Client } from '../../../infra/event-store/eventstoredb/client';
import { toServerFilter } from '../../../infra/event-store/eventstoredb/mapping/filters';
import { clientSubscriptionSource } from '../../../infra/event-store/eventstoredb/subscription-source';
import { jsonAt } from './server-events';

/** Stands in for the client's `subscribeToAll`: records the options, returns a readable subscription. */
function fakeClient() {
  const calls: Array<{ options: SubscribeToAllOptions; stream: PassThrough; subscription: AllStreamSubscription }> = [];
  const client = {
    subscribeToAll(options: SubscribeToAllOptions): AllStreamSubscription {
      const stream = new PassThrough({ objectMode: true });
      const subscription = Object.assign(stream, { unsubscribe: async () => undefined }) as unknown as AllStreamSubscription;
      calls.push({ options, stream, subscription });
      return subscription;
    },
  };
  return { client: client as unknown as Client, calls };
}

describe('the client subscription source', () => {
  it('subscribes from the start for 0n and from the exact position otherwise', () => {
    const { client, calls } = fakeClient();
    const source = clientSubscriptionSource(client);

    source.open(0n, () => undefined);
    source.open(42n, () => undefined);

    expect(calls.map((call) => call.options.fromPosition)).toEqual([START, { commit: 42n, prepare: 42n }]);
    expect(calls.every((call) => call.options.resolveLinkTos === false)).toBe(true);
  });

  it('asks the server to apply the port’s filter', () => {
    const { client, calls } = fakeClient();

    clientSubscriptionSource(client, { streamPrefixes: ['claim-'] }).open(0n, () => undefined);

    const { checkpointReached, ...filter } = calls[0].options.filter ?? {};
    const { checkpointReached: _, ...expected } = toServerFilter({ streamPrefixes: ['claim-'] });
    expect(filter).toEqual(expected);
    expect(checkpointReached).toEqual(expect.any(Function));
  });

  it('counts a checkpoint only once every event the client received before it has been read', async () => {
    const { client, calls } = fakeClient();
    const checkpoints: bigint[] = [];
    const server = clientSubscriptionSource(client).open(0n, (position) => checkpoints.push(position));
    const { subscription, stream, options } = calls[0];
    const reached = options.filter?.checkpointReached;
    if (reached === undefined) throw new Error('no checkpoint callback');

    stream.write(jsonAt(10n));
    await reached(subscription, { commit: 500n, prepare: 500n });
    expect(checkpoints).toEqual([]);

    await server[Symbol.asyncIterator]().next();
    await reached(subscription, { commit: 600n, prepare: 600n });
    expect(checkpoints).toEqual([600n]);
  });

  it('does not let a failure nobody is reading crash the process', () => {
    const { client, calls } = fakeClient();
    clientSubscriptionSource(client).open(0n, () => undefined);

    expect(() => calls[0].subscription.emit('error', new Error('late failure'))).not.toThrow();
  });
});
