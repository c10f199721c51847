import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLAnswer, TestApp } from './api';

/** Where the app serves GraphQL over WebSocket: the HTTP port and path. */
export function wsUrlOf(app: TestApp): string {
  return app.url.replace(/^http/, 'ws');
}

/** A real graphql-ws client for `token` (Node 20 has no global WebSocket: `ws` stands in). */
export function connect(app: TestApp, token: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: wsUrlOf(app),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    ...options,
  });
}

/** The clients a test connects, disposed together after it. */
export class ClientPool {
  private readonly clients: Client[] = [];

  connect(app: TestApp, token: string): Client {
    const client = connect(app, token);
    this.clients.push(client);
    return client;
  }

  async disposeAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.dispose()));
  }
}

/** How the server closed a connection that sent `connectionParams`. */
export function closeOf(app: TestApp, connectionParams: Record<string, unknown>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const client = createClient({
      url: wsUrlOf(app),
      webSocketImpl: WebSocket,
      connectionParams,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          resolve({ code, reason: String(reason) });
          // Disposing a client whose connection was refused rejects with that refusal: expected here.
          Promise.resolve(client.dispose()).catch(() => undefined);
        },
      },
    });
  });
}

/** One subscription's answers as they arrive: the field's values, errors, and how it ended. */
export class Recording<T = Record<string, any>> {
  readonly values: T[] = [];
  /** Errors of `next` payloads (arguments, resolvers) and of an `error` message (the server ended it). */
  readonly errors: GraphQLFormattedError[] = [];
  ended: 'complete' | 'error' | null = null;
  private readonly unsubscribe: () => void;

  constructor(client: Client, field: string, query: string, variables: Record<string, unknown> = {}) {
    this.unsubscribe = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.data?.[field]) this.values.push(result.data[field]);
          this.errors.push(...(result.errors ?? []));
        },
        error: (error) => {
          this.ended = 'error';
          if (Array.isArray(error)) this.errors.push(...(error as GraphQLFormattedError[]));
        },
        complete: () => {
          this.ended ??= 'complete';
        },
      },
    );
  }

  /** Resolves once `count` values arrived; fails after `timeoutMs` saying how many did. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const heard = () => `${this.values.length} of ${count} events`;
    await until(() => this.values.length >= count || this.ended !== null, timeoutMs, heard);
    if (this.values.length < count) throw new Error(`ended (${this.ended}) after ${heard()}: ${JSON.stringify(this.errors)}`);
    return this.values;
  }

  /** Resolves once the server ended the subscription (complete or error). */
  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    await until(() => this.ended !== null, timeoutMs, () => 'the end of the subscription');
  }

  stop(): void {
    this.unsubscribe();
  }
}

/** Polls `done` every 10 ms. */
export async function until(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One query or mutation over WebSocket, answered as over HTTP (`status` 200 when the server answered). */
export function wsGql(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
  return new Promise((resolve, reject) => {
    let answer: GraphQLAnswer = { status: 200 };
    client.subscribe(
      { query, variables },
      {
        next: (result) => (answer = { status: 200, data: (result.data ?? undefined) as GraphQLAnswer['data'], errors: result.errors as GraphQLAnswer['errors'] }),
        error: (error) => (Array.isArray(error) ? resolve({ status: 200, errors: error as GraphQLAnswer['errors'] }) : reject(error)),
        complete: () => resolve(answer),
      },
    );
  });
}
