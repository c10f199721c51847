import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import type { ServerSubscription, SubscriptionSource } from '../../../infra/event-store/eventstoredb/subscription-source';

/** One server subscription the test drives: push events into it, fail it, end it. */
export class FakeServerSubscription implements ServerSubscription {
  readonly stream = new PassThrough({ objectMode: true });
  readonly unsubscribe = jest.fn(async () => {
    this.stream.end();
  });

  constructor(
    readonly after: bigint,
    readonly checkpoint: (position: bigint) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<AllStreamResolvedEvent> {
    return this.stream[Symbol.asyncIterator]();
  }

  push(...events: AllStreamResolvedEvent[]): void {
    for (const event of events) this.stream.write(event);
  }

  /** Fails as the client's subscription does: an 'error' event on the stream. */
  fail(error: Error): void {
    this.stream.emit('error', error);
  }
}

/** A server that hands out fake subscriptions and knows its last position. */
export class FakeSource implements SubscriptionSource {
  readonly opened: FakeServerSubscription[] = [];
  readonly lastPosition = jest.fn(async () => 1_000n);
  private waiters: Array<() => void> = [];

  open(after: bigint, onCheckpoint: (position: bigint) => void): ServerSubscription {
    const server = new FakeServerSubscription(after, onCheckpoint);
    this.opened.push(server);
    for (const wake of this.waiters.splice(0)) wake();
    return server;
  }

  /** The n-th server subscription (from 1), once the subscription has opened it. */
  async nth(n: number): Promise<FakeServerSubscription> {
    const deadline = Date.now() + 2_000;
    while (this.opened.length < n) {
      if (Date.now() > deadline) throw new Error(`server subscription ${n} was never opened`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.opened[n - 1];
  }
}
