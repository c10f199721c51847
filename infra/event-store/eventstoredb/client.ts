import { EventStoreDBClient } from '@eventstore/db-client';

/** The gRPC client; only this folder imports `@eventstore/db-client`. */
export type Client = EventStoreDBClient;

/**
 * Creates the client for a connection string such as `esdb://localhost:2113?tls=false` (single
 * node) or `esdb+discover://admin:changeit@cluster.example:2113` (cluster via gossip); see the
 * client's documentation for the settings. No connection is made until the first operation.
 *
 * `throwOnAppendFailure=false` is refused: with it the client answers a conflicting append with
 * `success: false` and no reason instead of a WrongExpectedVersionError, which the port needs.
 */
export function connect(connectionString: string): Client {
  if (!/^esdb(\+discover)?:\/\//i.test(connectionString)) {
    throw new Error('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  }
  if (/[?&]throwOnAppendFailure=false(&|$)/i.test(connectionString)) {
    throw new Error('the EventStoreDB event store needs throwOnAppendFailure=true (the default)');
  }
  return EventStoreDBClient.connectionString(connectionString);
}
