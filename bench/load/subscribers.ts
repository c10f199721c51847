import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { LatencyRecorder } from './latency';

const CLAIM_EVENTS = `subscription($claimId: ID) {
  claimEvents(claimId: $claimId) { id type revision position recordedAt actorRole data }
}`;

/** What one subscriber follows: one claim (a claimant's screen) or every claim (an integration). */
export interface Following {
  token: string;
  claimId: string | null;
}

/**
 * Graphql-ws subscribers, one connection each, measuring for every event received the time from
 * its append (its `recordedAt`, stamped by the store at the commit, same machine clock) to its
 * arrival. Events recorded before `measureFrom` are counted but not measured.
 */
export class Subscribers {
  readonly latency = new LatencyRecorder();
  /** Events received that were recorded from `measureFrom` on. */
  received = 0;
  errors: string[] = [];
  private readonly clients: Client[] = [];
  measureFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly wsUrl: string) {}

  /** Connects and subscribes everyone; resolves once every connection is acknowledged. */
  async subscribe(followings: readonly Following[]): Promise<void> {
    await Promise.all(followings.map((following) => this.subscribeOne(following)));
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.dispose()));
  }

  private subscribeOne({ token, claimId }: Following): Promise<void> {
    return new Promise((resolve, reject) => {
      const client = createClient({
        url: this.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: reject,
        on: { connected: () => resolve() },
      });
      this.clients.push(client);
      client.subscribe<{ claimEvents: { recordedAt: string } }>(
        { query: CLAIM_EVENTS, variables: { claimId } },
        {
          next: ({ data, errors }) => {
            if (errors) return this.error(errors[0].message);
            const recordedAt = Date.parse(data!.claimEvents.recordedAt);
            if (recordedAt < this.measureFrom) return;
            this.received += 1;
            this.latency.record(Date.now() - recordedAt);
          },
          error: (error) => this.error(String((error as Error)?.message ?? JSON.stringify(error))),
          complete: () => undefined,
        },
      );
    });
  }

  private error(message: string): void {
    if (this.errors.length < 5) this.errors.push(message);
  }
}
