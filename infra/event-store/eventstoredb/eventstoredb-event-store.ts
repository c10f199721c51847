import {
  ANY,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../../../services/event-store';
import { appendEvents } from './append';
import { connect, type Client } from './client';
import type { RetryPolicy } from './mapping/retry';
import { readAllEvents, readHeadPosition, readStreamEvents } from './read';
import { ResubscribingSubscription } from './subscription';
import { clientSubscriptionSource } from './subscription-source';

/** How to reach the EventStoreDB / KurrentDB server. */
export interface EventStoreDbOptions {
  /** `esdb://host:2113?tls=false` (single node) or `esdb+discover://…` (cluster); required. */
  connectionString: string;
  /** How dropped subscriptions wait before resubscribing. Default: 100 ms, doubling to 5 s. */
  subscriptionRetry?: RetryPolicy;
  /** Told about each dropped subscription that will be retried, e.g. to log it. */
  onSubscriptionDrop?: (error: unknown, attempt: number) => void;
}

/**
 * The event store on an EventStoreDB / KurrentDB server, through `@eventstore/db-client` 6.2.1
 * (gRPC). Meant for EventStoreDB 23.10 and 24.x and KurrentDB 25.x (single node or cluster;
 * connection strings use `esdb://`); it needs at least 22.6, which reports each event's `$all`
 * position on stream reads.
 *
 * The port copies the server's vocabulary, so this is a thin mapping (see `mapping/`): expected
 * revisions one to one, the server's WrongExpectedVersion as the port's
 * WrongExpectedVersionError, commit positions as global positions (exclusive `after`), and
 * only the application's events: the server's system events (`$`-types and `$`-streams) are
 * never returned. Subscriptions filter on the server and resubscribe after a drop; `$all` reads
 * skip system events on the client, as this client version reads `$all` without a filter.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly client: Client,
    private readonly options: Omit<EventStoreDbOptions, 'connectionString'> = {},
  ) {}

  /** Refuses an empty batch with a RangeError; see `appendEvents` on idempotency. */
  async appendToStream(streamId: string, events: EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    // Only checked before: an append the server acknowledged is reported as done, even during close.
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
    return appendEvents(this.client, streamId, events, options.expectedRevision ?? ANY);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.whileOpen(() => readStreamEvents(this.client, streamId, options));
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.whileOpen(() => readAllEvents(this.client, options));
  }

  /** `end` is resolved now (see `ResubscribingSubscription`); filters run on the server. */
  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
    const subscription: Subscription = new ResubscribingSubscription(clientSubscriptionSource(this.client, options.filter), {
      ...options,
      retry: this.options.subscriptionRetry,
      onDrop: this.options.onSubscriptionDrop,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The newest application event's position (0n when none); trailing system events are skipped. */
  headPosition(): Promise<bigint> {
    return this.whileOpen(() => readHeadPosition(this.client));
  }

  /** Ends every subscription of this store, then closes the client's streams. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Runs a read only on an open store. Closing cancels the client's reads, and the client
   * ends a cancelled read quietly, as if the stream ended there: a read that overlapped `close()`
   * is refused rather than returned short.
   */
  private async whileOpen<T>(read: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('the EventStoreDB event store is closed');
    const result = await read();
    if (this.closed) throw new Error('the EventStoreDB event store was closed during the operation');
    return result;
  }
}

/**
 * Opens the event store on the server at `options.connectionString`. Nothing is sent until the
 * first operation, so this neither waits for nor checks the server.
 */
export function openEventStoreDbEventStore(options: EventStoreDbOptions): EventStoreDbEventStore {
  const { connectionString, ...rest } = options;
  return new EventStoreDbEventStore(connect(connectionString), rest);
}
