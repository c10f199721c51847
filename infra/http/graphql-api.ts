import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { buildRecourseSchema } from '../../schema/build-schema';
import { createContext, type Context, type ContextDeps } from '../../schema/context';
import { createErrorFormatter, unauthenticated } from '../../schema/errors';
import type { EventStore } from '../../services/event-store';
import { authenticate } from '../../services/tokens';
import type { Logger } from '../logger';

/** Apollo over the Recourse schema, and how a request becomes a context (its bearer token, its loaders). */
export async function createGraphQLApi(store: EventStore, deps: ContextDeps, logger: Logger) {
  const apollo = new ApolloServer<Context>({
    schema: await buildRecourseSchema(),
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
  });
  await apollo.start();

  const contextFor = async (request: IncomingMessage, requestId: string): Promise<Context> => {
    const header = request.headers.authorization;
    if (header === undefined) return createContext(deps, null, requestId);
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = token ? await authenticate(store, token) : null;
    if (!principal) throw unauthenticated();
    return createContext(deps, principal, requestId);
  };
  return { apollo, contextFor };
}
