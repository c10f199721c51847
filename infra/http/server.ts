import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import type { Context } from '../../schema/context';
import { LIMIT_CODES } from '../limits/query-limits';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import { withRequestId } from '../request-scope';
import { BodyTooLargeError, readBody } from './read-body';
import { applyCors, setSecurityHeaders } from './security-headers';

export interface GraphQLHandler {
  apollo: ApolloServer<Context>;
  /** Builds the per-request context (authentication, loaders). */
  contextFor(request: IncomingMessage, requestId: string): Promise<Context>;
}

export interface HttpDeps {
  /** Absent for a process that only projects: it serves health endpoints alone. */
  graphql?: GraphQLHandler;
  /** Readiness: null when ready, otherwise what is not. */
  readiness(): Promise<{ ready: boolean; details: Record<string, unknown> }>;
  logger: Logger;
  maxBodyBytes: number;
  /** Serves them at /metrics and times every request into them, when given. */
  metrics?: Metrics;
  /** Browser origins allowed by CORS (none by default). */
  corsOrigins?: readonly string[];
}

type Handler = (request: IncomingMessage, response: ServerResponse, requestId: string) => Promise<void>;

/** One node http server: GraphQL at /graphql, liveness at /healthz, readiness at /readyz, metrics at /metrics. */
export function createHttpServer(deps: HttpDeps): Server {
  const { graphql: api, metrics } = deps;
  const routes: Record<string, Handler> = {
    ...(api && { '/graphql': (request, response, requestId) => graphql(api, deps.maxBodyBytes, request, response, requestId) }),
    '/healthz': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
    '/readyz': async (_request, response) => {
      const { ready, details } = await deps.readiness();
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...details });
    },
    ...(metrics && {
      '/metrics': async (_request, response) => {
        response.setHeader('content-type', metrics.registry.contentType);
        response.end(await metrics.registry.metrics());
      },
    }),
  };
  const serve = (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    const started = process.hrtime.bigint();
    response.setHeader('x-request-id', requestId);
    setSecurityHeaders(response);
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const route = routes[path] as Handler | undefined;
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics?.httpDuration.observe({ method: request.method ?? '', route: path in routes ? path : 'unknown', status: response.statusCode }, ms / 1000);
      deps.logger.info({ requestId, method: request.method, url: request.url, status: response.statusCode, ms }, 'request');
    });
    if (applyCors(request, response, deps.corsOrigins ?? [])) return;
    if (!route) return sendJson(response, 404, { error: `not found; this process serves ${Object.keys(routes).join(', ')}` });
    route(request, response, requestId).catch((error: unknown) => {
      deps.logger.error({ requestId, err: error }, 'request failed');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      else response.destroy();
    });
  };
  return createServer((request, response) => {
    const requestId = requestIdOf(request);
    withRequestId(requestId, () => serve(request, response, requestId));
  });
}

/** A caller's X-Request-Id is kept when it looks sane, so logs can be joined across services. */
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

async function graphql(
  api: GraphQLHandler,
  maxBodyBytes: number,
  request: IncomingMessage,
  response: ServerResponse,
  requestId: string,
) {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  let body: unknown;
  try {
    body = await parseBody(request, headers, maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendError(response, 413, LIMIT_CODES.body, error.message);
    return sendError(response, 400, 'BAD_REQUEST', 'the request body is not valid JSON');
  }
  if (Array.isArray(body)) {
    return sendError(response, 400, LIMIT_CODES.batch, 'send one operation per request: batched operations are not supported');
  }
  const answer = await api.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: () => api.contextFor(request, requestId),
  });
  await send(response, answer);
}

async function parseBody(request: IncomingMessage, headers: HeaderMap, limit: number): Promise<unknown> {
  if (request.method !== 'POST') return undefined;
  const text = await readBody(request, limit);
  const type = headers.get('content-type') ?? '';
  if (!type.includes('application/json') && !type.includes('application/graphql-response+json')) return text;
  return text === '' ? undefined : JSON.parse(text);
}

async function send(response: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  response.statusCode = answer.status ?? 200;
  for (const [name, value] of answer.headers) response.setHeader(name, value);
  if (answer.body.kind === 'complete') {
    response.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(value));
}
