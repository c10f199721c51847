import { GraphQLError, parse, validate, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql-ws';
import { ResumableSubscriptionError } from './subscription-errors';

/** The HTTP API's error formatter (schema/errors.ts): stable codes pass, everything else is masked. */
export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * The document of a subscribe message, or the errors to answer with, coded as Apollo codes them
 * over HTTP. graphql-ws would let a syntax error escape and close the whole connection (4500).
 */
export function parseAndValidate(schema: GraphQLSchema, query: string, maxTokens?: number): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch (error) {
    return [withCode(error instanceof GraphQLError ? error : new GraphQLError(String(error)), 'GRAPHQL_PARSE_FAILED')];
  }
  const errors = validate(schema, document);
  return errors.length > 0 ? errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) : document;
}

/**
 * Errors of a `next` message. Those without a path come before execution (variables that do not
 * fit their types): BAD_USER_INPUT, as Apollo answers them; resolver errors keep their own codes.
 */
export function formatResult(result: ExecutionResult, formatError: FormatError): FormattedExecutionResult | undefined {
  if (!result.errors) return undefined;
  const errors = result.errors.map((error) => {
    const coded = error.path === undefined && error.extensions.code === undefined ? withCode(error, 'BAD_USER_INPUT') : error;
    return formatError(coded.toJSON(), coded);
  });
  return { ...result, errors } as FormattedExecutionResult;
}

/** Errors of an `error` message: a subscription the server ended tells the client where to resume. */
export function formatErrors(errors: readonly GraphQLError[], formatError: FormatError): GraphQLFormattedError[] {
  return errors.map((error) => {
    // graphql-ws wraps what the event iterator threw in a GraphQLError without a path.
    const original = error.originalError ?? error;
    if (original instanceof ResumableSubscriptionError) return original.toGraphQL();
    return formatError(error.toJSON(), error);
  });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
