import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST a receiver got. */
export interface ReceivedDelivery {
  id: string;
  timestamp: string;
  signature: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  json: { type: string; timestamp: string; data: { claimId: string; event: { id: string; type: string; revision: number; position: string; data: Record<string, unknown> } } };
  /** What the receiver answered. */
  status: number;
}

/** How the receiver answers: a status code, or `hang` (never answers; the sender times out). */
export type ReceiverMode = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 that records every request and answers as told; `mode` can
 * change while deliveries arrive (down with 503, then back with 200).
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  mode: ReceiverMode = 200;
  /** Requests that arrived, answered or not (a hanging one counts). */
  arrivals = 0;
  /** How long to wait before answering, ms. */
  delayMs = 0;
  private waiters: { count: number; accepted: boolean; resolve: () => void }[] = [];

  private constructor(private readonly server: Server) {}

  static async start(mode: ReceiverMode = 200): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    receiver.mode = mode;
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver.arrivals += 1;
        const mode = receiver.mode;
        if (mode === 'hang') return;
        setTimeout(() => {
          receiver.record(request.headers, Buffer.concat(chunks).toString('utf8'), mode);
          response.writeHead(mode, { 'content-type': 'text/plain' }).end(mode < 300 ? 'ok' : 'not now');
        }, receiver.delayMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/recourse`;
  }

  /** Requests answered 2xx. */
  get accepted(): ReceivedDelivery[] {
    return this.received.filter(({ status }) => status >= 200 && status < 300);
  }

  /** Resolves once `count` requests were accepted (2xx) — or received at all, with `accepted: false`. */
  waitFor(count: number, { accepted = true, timeoutMs = 20_000 } = {}): Promise<void> {
    const have = () => (accepted ? this.accepted : this.received).length;
    if (have() >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver got ${have()} of ${count} deliveries in ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ count, accepted, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(headers: IncomingHttpHeaders, body: string, status: number): void {
    const delivery: ReceivedDelivery = {
      id: String(headers['webhook-id']),
      timestamp: String(headers['webhook-timestamp']),
      signature: String(headers['webhook-signature']),
      headers,
      body,
      json: JSON.parse(body) as ReceivedDelivery['json'],
      status,
    };
    this.received.push(delivery);
    const done = this.waiters.filter(({ count, accepted }) => (accepted ? this.accepted : this.received).length >= count);
    this.waiters = this.waiters.filter((waiter) => !done.includes(waiter));
    for (const waiter of done) waiter.resolve();
  }
}
