import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildRecourseSchema } from '../../schema/build-schema';
import { createContext, type Context, type ContextDeps } from '../../schema/context';
import { createErrorFormatter, unauthenticated } from '../../schema/errors';
import type { EventStore } from '../../services/event-store';
import { cachedAuthenticator, type Principal } from '../../services/tokens';
import type { Logger } from '../logger';

/**
 * Apollo over the Recourse schema, and how a caller becomes a context (its bearer token, its
 * loaders). The schema, the error formatter and the authentication are shared with the
 * WebSocket (graphql-ws) server, so both transports answer and authorize alike.
 */
export async function createGraphQLApi(store: EventStore, deps: ContextDeps, logger: Logger) {
  const schema = await buildRecourseSchema();
  const formatError = createErrorFormatter(logger);
  const apollo = new ApolloServer<Context>({ schema, formatError, includeStacktraceInErrorResponses: false });
  await apollo.start();

  const authenticate = cachedAuthenticator(store);
  const principalOf = (authorization: string) => bearerPrincipal(authenticate, authorization);
  const contextForPrincipal = (principal: Principal | null, requestId: string) => createContext(deps, principal, requestId);
  const contextFor = async (request: IncomingMessage, requestId: string): Promise<Context> => {
    const header = request.headers.authorization;
    if (header === undefined) return contextForPrincipal(null, requestId);
    const principal = await principalOf(header);
    if (!principal) throw unauthenticated();
    return contextForPrincipal(principal, requestId);
  };
  return { apollo, schema, formatError, contextFor, contextForPrincipal, principalOf };
}

/** The GraphQL API as createGraphQLApi builds it. */
export type GraphQLApi = Awaited<ReturnType<typeof createGraphQLApi>>;

/** The caller an `Authorization` value (`Bearer <token>`) names; null when it is malformed or the token unknown. */
export async function bearerPrincipal(
  authenticate: (token: string) => Promise<Principal | null>,
  authorization: string,
): Promise<Principal | null> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return token ? authenticate(token) : null;
}
