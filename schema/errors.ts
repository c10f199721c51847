import { randomUUID } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../services/claims';
import { CodedError } from '../services/errors';

/** Codes the API itself gives, besides the domain's and the application's. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError('send a valid token: Authorization: Bearer <token>', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

export function badUserInput(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...details } });
}

/**
 * A change was recorded (at `position`) but the read models have not shown it within the wait:
 * the answer would be stale, so the caller is told to read `what` again shortly.
 */
export function readModelLagging(what: string, position: bigint, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(`the change was recorded at position ${position}, but the read model has not caught up yet: query ${what} again shortly`, {
    extensions: { code: 'READ_MODEL_LAGGING', ...details, position: String(position) },
  });
}

/** Codes GraphQL, Apollo and type-graphql give that are safe to pass to the caller as they are. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'READ_MODEL_LAGGING',
  // The query limits, the rate limit and the production posture (infra/limits), refused before any resolver.
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_TOKENS',
  'QUERY_TOO_COSTLY',
  'BATCHING_NOT_SUPPORTED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'INTROSPECTION_DISABLED',
]);

/** The parser's refusal of a document over its token limit (graphql 16 spells it "more that"): a limit, not a syntax error. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * The one place errors become answers: rule violations keep their stable codes, anything
 * unexpected is masked (a generic message and an id, which is logged with the real error).
 */
export function createErrorFormatter(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { ...formatted, message: original.message, extensions: { code: original.code } };
    }
    if (original instanceof CodedError) {
      return { ...formatted, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    const tokens = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? TOKEN_LIMIT.exec(formatted.message) : null;
    if (tokens) {
      const limit = Number(tokens[1]);
      return { message: `the document has more than ${limit} tokens; at most ${limit} are allowed`, extensions: { code: 'TOO_MANY_TOKENS', limit } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const errorId = randomUUID();
    logger.error({ errorId, err: original, path: formatted.path }, 'unexpected error');
    return {
      message: `Something went wrong on our side. Quote error id ${errorId} if you report it.`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', errorId },
    };
  };
}
