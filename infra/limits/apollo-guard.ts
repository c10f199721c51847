import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../../schema/context';
import { maySeeSchema, withoutSuggestions, type OperationGuard } from './operation-guard';

/**
 * The operation guard inside Apollo: it runs once the operation is parsed, validated and resolved,
 * before execution, and a refusal answers with its status (400, or 429 with Retry-After). In
 * production, callers outside staff get their error messages without schema suggestions.
 */
export function apolloGuardPlugin(guard: OperationGuard, production: boolean): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const refusal = guard({ document, operationName: request.operationName, variables: request.variables, principal: contextValue.principal });
          if (!refusal) return;
          const headers = new HeaderMap();
          if (refusal.retryAfterSeconds !== undefined) headers.set('retry-after', String(refusal.retryAfterSeconds));
          throw new GraphQLError(refusal.error.message, {
            extensions: { ...refusal.error.extensions, http: { status: refusal.status, headers } },
          });
        },
        async willSendResponse({ response, contextValue }) {
          if (maySeeSchema(contextValue.principal, production) || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            (error as { message: string }).message = withoutSuggestions(error.message);
          }
        },
      };
    },
  };
}
