import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Context as WsContext, SubscribePayload } from 'graphql-ws';
import type { WebSocketServer } from 'ws';
import type { Context } from '../../schema/context';
import type { Principal } from '../../services/tokens';
import { maySeeSchema, withoutSuggestions, type OperationGuard } from '../limits/operation-guard';
import type { Logger } from '../logger';
import { withRequestId } from '../request-scope';
import { ConnectionsByToken } from './connections-by-token';
import { formatErrors, formatResult, parseAndValidate, type FormatError } from './ws-errors';
import { serveGraphQLWs, type SocketExtra } from './ws-transport';

/** How long a new connection may take to send connection_init, ms. */
const CONNECTION_INIT_WAIT_MS = 10_000;

/** Close codes beside graphql-ws's own (4403 Forbidden is its answer when `onConnect` refuses). */
export const WS_CLOSE = {
  /** connection_init carried no `authorization`. */
  UNAUTHORIZED: 4401,
  /** The token is malformed or unknown; or, on an open connection, it was revoked or expired. */
  FORBIDDEN: 4403,
} as const;

/** The close reason when an open connection's token stops working. */
export const TOKEN_ENDED_REASON = 'Forbidden: the token was revoked or has expired';

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
  /** The HTTP API's operation guard: the same limits, rate limit and introspection policy. */
  guard: OperationGuard;
  /** Documents with more lexical tokens are refused (TOO_MANY_TOKENS). */
  maxTokens: number;
  /** `NODE_ENV=production`: schema suggestions only for staff. */
  production: boolean;
}

/** The graphql-ws server attached to the HTTP server. */
export interface SubscriptionServer {
  /** Closes every connection (1001 Going away; dropped after a grace period) and stops upgrading. */
  close(): Promise<void>;
  /** Closes the connections of a token that was revoked (4403), at once. */
  closeToken(tokenId: string): void;
}

type ConnectionParams = { authorization?: unknown };
type ConnectionExtra = { principal?: Principal; connectionId?: string; authorization?: string };
type Connection = WsContext<ConnectionParams, SocketExtra & ConnectionExtra>;

const CLOSE_GRACE_MS = 1000;

/**
 * GraphQL over WebSocket (the graphql-ws protocol) on the HTTP server's port and path. The token
 * comes in connection_init as `{ "authorization": "Bearer <token>" }`; each operation gets its own
 * context, authorized, coded and masked exactly as over HTTP.
 */
export function attachSubscriptionServer(deps: SubscriptionServerDeps): SubscriptionServer {
  const connections = new ConnectionsByToken(WS_CLOSE.FORBIDDEN, TOKEN_ENDED_REASON);
  const wss = serveGraphQLWs<ConnectionParams, ConnectionExtra>(
    {
      schema: deps.schema,
      // graphql-ws's 3 s closed healthy clients when a busy 2-core host took 200 connections at once.
      connectionInitWaitTimeout: CONNECTION_INIT_WAIT_MS,
      onConnect: (ctx) => admit(ctx, deps, connections),
      onSubscribe: (ctx, id, payload) => withRequestId(`${ctx.extra.connectionId}:${id}`, () => operation(ctx, id, payload, deps)),
      onNext: (ctx, _id, _payload, _args, result) => formatResult(result, formatterFor(ctx, deps)),
      onError: (ctx, _id, _payload, errors) => formatErrors(errors, formatterFor(ctx, deps)),
      onDisconnect: (ctx, code) => {
        connections.remove(ctx.extra.principal, ctx.extra.socket);
        deps.logger.info({ connectionId: ctx.extra.connectionId, code }, 'websocket closed');
      },
    },
    { server: deps.http, path: deps.path, maxPayloadBytes: deps.maxPayloadBytes, logger: deps.logger },
  );
  return { close: () => closeAll(wss), closeToken: (tokenId) => connections.closeToken(tokenId) };
}

/** The error formatter, without schema suggestions for callers who may not see the schema. */
function formatterFor(ctx: Connection, deps: SubscriptionServerDeps): FormatError {
  if (maySeeSchema(ctx.extra.principal ?? null, deps.production)) return deps.formatError;
  return (formatted, error) => {
    const answer = deps.formatError(formatted, error);
    return { ...answer, message: withoutSuggestions(answer.message) };
  };
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
async function admit(ctx: Connection, deps: SubscriptionServerDeps, connections: ConnectionsByToken): Promise<boolean> {
  const authorization = ctx.connectionParams?.authorization;
  if (typeof authorization !== 'string') {
    // graphql-ws knows only 4403 for a refusal; closing first makes the client see 4401 (its own close then does nothing).
    ctx.extra.socket.close(WS_CLOSE.UNAUTHORIZED, 'Unauthorized: send {"authorization":"Bearer <token>"} in connection_init');
    return false;
  }
  const principal = await deps.principalOf(authorization);
  if (!principal) return false;
  ctx.extra.principal = principal;
  ctx.extra.authorization = authorization;
  ctx.extra.connectionId = randomUUID();
  connections.add(principal, ctx.extra.socket);
  deps.logger.info({ connectionId: ctx.extra.connectionId, role: principal.role }, 'websocket connected');
  return true;
}

/**
 * The execution arguments of a subscribe message, or the errors that answer it. The token is
 * checked again first: a revoked or expired one closes the connection (4403).
 */
async function operation(ctx: Connection, id: string, payload: SubscribePayload, deps: SubscriptionServerDeps) {
  const principal = await deps.principalOf(ctx.extra.authorization!);
  if (!principal) {
    ctx.extra.socket.close(WS_CLOSE.FORBIDDEN, TOKEN_ENDED_REASON);
    return [];
  }
  const document = parseAndValidate(deps.schema, payload.query, deps.maxTokens);
  if (Array.isArray(document)) return document;
  const variables = payload.variables ?? undefined;
  const refusal = deps.guard({ document, operationName: payload.operationName, variables, principal });
  if (refusal) return [refusal.error];
  return {
    schema: deps.schema,
    document,
    operationName: payload.operationName,
    variableValues: payload.variables,
    contextValue: deps.contextFor(principal, `${ctx.extra.connectionId}:${id}`),
  };
}
