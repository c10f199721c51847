import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { buildRecourseSchema } from '../../schema/build-schema';
import { createContext, type Context, type ContextDeps } from '../../schema/context';
import { createErrorFormatter, unauthenticated } from '../../schema/errors';
import type { EventStore } from '../../services/event-store';
import type { TokenUsageRecorder } from '../../services/token-usage';
import { authenticate, type Principal } from '../../services/tokens';
import { apolloGuardPlugin } from '../limits/apollo-guard';
import { createOperationGuard, type GuardDeps } from '../limits/operation-guard';
import type { Logger } from '../logger';

/** What keeps the API safe to expose (see README "Running in production"). */
export interface ApiSafety extends Omit<GuardDeps, 'schema'> {
  /** Documents with more lexical tokens are refused by the parser (TOO_MANY_TOKENS). */
  maxTokens: number;
  /** Records when tokens are used (`recourse token list`). */
  usage: TokenUsageRecorder;
}

/**
 * Apollo over the Recourse schema, and how a caller becomes a context (its bearer token, its
 * loaders). The schema, the error formatter, the operation guard and the authentication are
 * shared with the WebSocket (graphql-ws) server, so both transports answer and authorize alike.
 */
export async function createGraphQLApi(store: EventStore, deps: ContextDeps, logger: Logger, safety: ApiSafety) {
  const schema = await buildRecourseSchema();
  const formatError = createErrorFormatter(logger);
  const guard = createOperationGuard({ ...safety, schema });
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: safety.maxTokens },
    // Apollo installs its cache-control plugin unless told not to: it walks every resolved field
    // for cache hints the schema never gives, about a fifth of a dashboard page's CPU (BENCHMARKS.md).
    plugins: [apolloGuardPlugin(guard, safety.production), ApolloServerPluginCacheControlDisabled()],
  });
  await apollo.start();

  const principalOf = async (authorization: string) => {
    const principal = await bearerPrincipal(store, authorization);
    // Awaited (at most one append per token and TOKEN_USE_RESOLUTION_MS): once a request is answered,
    // its token's use is stored and readable. The store commits on a thread of its own, so a use
    // left unawaited could still be in flight when the next request reads.
    if (principal) await safety.usage.touch(principal).catch((error: unknown) => logger.warn({ err: error }, 'token use not recorded'));
    return principal;
  };
  const contextForPrincipal = (principal: Principal | null, requestId: string) => createContext(deps, principal, requestId);
  const contextFor = async (request: IncomingMessage, requestId: string): Promise<Context> => {
    const header = request.headers.authorization;
    if (header === undefined) return contextForPrincipal(null, requestId);
    const principal = await principalOf(header);
    if (!principal) throw unauthenticated();
    return contextForPrincipal(principal, requestId);
  };
  return { apollo, schema, formatError, guard, contextFor, contextForPrincipal, principalOf };
}

/** The GraphQL API as createGraphQLApi builds it. */
export type GraphQLApi = Awaited<ReturnType<typeof createGraphQLApi>>;

/** The caller an `Authorization` value (`Bearer <token>`) names; null when it is malformed or the token unknown, revoked or expired. */
export async function bearerPrincipal(store: EventStore, authorization: string): Promise<Principal | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return token ? authenticate(store, token) : null;
}
