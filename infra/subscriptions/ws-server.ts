import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import type { WebSocketServer } from 'ws';
import type { Context } from '../../schema/context';
import type { Principal } from '../../services/tokens';
import type { Logger } from '../logger';
import { formatErrors, formatResult, parseAndValidate, type FormatError } from './ws-errors';
import { serveGraphQLWs, type SocketExtra } from './ws-transport';

/** Close codes beside graphql-ws's own (4403 Forbidden is its answer when `onConnect` refuses). */
export const WS_CLOSE = {
  /** connection_init carried no `authorization`. */
  UNAUTHORIZED: 4401,
  /** The token is malformed or unknown. */
  FORBIDDEN: 4403,
} as const;

export interface SubscriptionServerDeps {
  /** The HTTP server to share: WebSockets upgrade on its port, at `path`. */
  http: Server;
  path: string;
  schema: GraphQLSchema;
  /** The caller an `authorization` value names (as over HTTP); null when malformed or unknown. */
  principalOf(authorization: string): Promise<Principal | null>;
  contextFor(principal: Principal, requestId: string): Context;
  formatError: FormatError;
  logger: Logger;
  /** The largest message accepted, in bytes (the HTTP body limit); a larger one closes with 1009. */
  maxPayloadBytes: number;
}

/** The graphql-ws server attached to the HTTP server. */
export interface SubscriptionServer {
  /** Closes every connection (1001 Going away; dropped after a grace period) and stops upgrading. */
  close(): Promise<void>;
}

type ConnectionParams = { authorization?: unknown };
type ConnectionExtra = { principal?: Principal; connectionId?: string };
type Connection = WsContext<ConnectionParams, SocketExtra & ConnectionExtra>;

const CLOSE_GRACE_MS = 1000;

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path. The token
 * comes in connection_init as `{ "authorization": "Bearer <token>" }`; each operation gets its own
 * context, authorized, coded and masked exactly as over HTTP.
 */
export function attachSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer {
  const wss = serveGraphQLWs<ConnectionParams, ConnectionExtra>(
    {
      schema: deps.schema,
      onConnect: (ctx) => admit(ctx, deps),
      onSubscribe: (ctx, id, payload) => operation(ctx, id, payload, deps),
      onNext: (_ctx, _id, _payload, _args, result) => formatResult(result, deps.formatError),
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, deps.formatError),
      onDisconnect: (ctx, code) => deps.logger.info({ connectionId: ctx.extra.connectionId, code }, 'websocket closed'),
    },
    { server: deps.http, path: deps.path, maxPayloadBytes: deps.maxPayloadBytes, logger: deps.logger },
  );
  return { close: () => closeAll(wss) };
}

/** Asks every client to go (1001), drops those still there after a grace period, stops upgrading. */
async function closeAll(wss: WebSocketServer): Promise<void> {
  const closed = new Promise<void>((resolve) => wss.close(() => resolve()));
  for (const client of wss.clients) client.close(1001, 'Going away');
  const drop = setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
  await closed;
  clearTimeout(drop);
}

/** Whether the connection may go on; refused ones are closed with 4401 or 4403 (see WS_CLOSE). */
async function admit(ctx: Connection, deps: SubscriptionServerDeps): Promise<boolean> {
  const authorization = ctx.connectionParams?.authorization;
  if (typeof authorization !== 'string') {
    // graphql-ws knows only 4403 for a refusal; closing first makes the client see 4401 (its own close then does nothing).
    ctx.extra.socket.close(WS_CLOSE.UNAUTHORIZED, 'Unauthorized: send {"authorization":"Bearer <token>"} in connection_init');
    return false;
  }
  const principal = await deps.principalOf(authorization);
  if (!principal) return false;
  ctx.extra.principal = principal;
  ctx.extra.connectionId = randomUUID();
  deps.logger.info({ connectionId: ctx.extra.connectionId, role: principal.role }, 'websocket connected');
  return true;
}

/** The execution arguments of a subscribe message, or the errors that answer it. */
function operation(ctx: Connection, id: string, payload: SubscribePayload, deps: SubscriptionServerDeps) {
  const document = parseAndValidate(deps.schema, payload.query);
  if (Array.isArray(document)) return document;
  return {
    schema: deps.schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    // onConnect admitted only connections with a principal.
    contextValue: deps.contextFor(ctx.extra.principal!, `${ctx.extra.connectionId}:${id}`),
  };
}
