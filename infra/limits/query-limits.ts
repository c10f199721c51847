import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isListType,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { measureOperation } from './document-shape';

/** The limits every GraphQL operation must keep, over HTTP and WebSocket alike. */
export interface QueryLimits {
  /** Deepest nesting of field selections. `MAX_QUERY_DEPTH`, default 10. */
  maxDepth: number;
  /** Most aliased fields in one operation. `MAX_QUERY_ALIASES`, default 15. */
  maxAliases: number;
  /** Most lexical tokens in one document (enforced by the parser). `MAX_QUERY_TOKENS`, default 2000. */
  maxTokens: number;
  /** Highest cost: one per field, a list's fields times its `first`. `MAX_QUERY_COST`, default 20000. */
  maxCost: number;
}

/** Stable codes of the refusals, each answered before any resolver runs. */
export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOO_MANY_TOKENS',
  cost: 'QUERY_TOO_COSTLY',
  batch: 'BATCHING_NOT_SUPPORTED',
  body: 'PAYLOAD_TOO_LARGE',
} as const;

/** A connection without `first` is counted as the API's default page size. */
const DEFAULT_PAGE_SIZE = 20;
/** A plain list (a claim's evidence, its history) is counted as this many items. */
const NOMINAL_LIST_SIZE = 10;

/** A refusal with its stable code and the limit that was passed. */
export function limitError(code: string, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/**
 * The first limit the operation breaks, or null. Runs after GraphQL's validation (so fragments
 * are known and acyclic) and before execution. Tokens are limited by the parser itself.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): GraphQLError | null {
  const known = passing.get(limits)?.get(document);
  if (known?.has(operationName ?? '')) return null;
  const refusal = measureAgainst(schema, document, operationName, variables, limits);
  if (refusal === null && !dependsOnVariables(document)) rememberPassing(limits, document, operationName ?? '');
  return refusal;
}

/**
 * Operations that keep `limits` whatever their variables, by document: Apollo parses a query text
 * once and hands every request with that text the same document object, so a mutation sent
 * thousands of times is measured once. Only a pass is remembered, and only for a document whose
 * variables cannot change the verdict (none in a `first` or a directive), so the answer is exactly
 * the one measuring again would give.
 */
const passing = new WeakMap<QueryLimits, WeakMap<DocumentNode, Set<string>>>();

function rememberPassing(limits: QueryLimits, document: DocumentNode, operationName: string): void {
  let byDocument = passing.get(limits);
  if (!byDocument) passing.set(limits, (byDocument = new WeakMap()));
  let names = byDocument.get(document);
  if (!names) byDocument.set(document, (names = new Set()));
  names.add(operationName);
}

/** Whether a variable sits where it changes the cost: a `first` argument (list sizes) or a directive (@skip, @include). */
function dependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && containsVariable(node.value)) depends = true;
    },
    Directive(node) {
      if ((node.arguments ?? []).some((argument) => containsVariable(argument.value))) depends = true;
    },
  });
  return depends;
}

function containsVariable(value: ValueNode): boolean {
  switch (value.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return value.values.some(containsVariable);
    case Kind.OBJECT:
      return value.fields.some((field) => containsVariable(field.value));
    default:
      return false;
  }
}

/** The first limit the operation breaks, measured. */
function measureAgainst(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const { depth, aliases } = measureOperation(document, operation);
  if (depth > limits.maxDepth) {
    return limitError(LIMIT_CODES.depth, `the query nests ${depth} levels deep; at most ${limits.maxDepth} are allowed`, { limit: limits.maxDepth });
  }
  if (aliases > limits.maxAliases) {
    return limitError(LIMIT_CODES.aliases, `the query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, { limit: limits.maxAliases });
  }
  const cost = costOf(schema, document, operationName, variables);
  if (cost > limits.maxCost) {
    return limitError(LIMIT_CODES.cost, `the query would cost ${cost} (lists count their \`first\` items); at most ${limits.maxCost} is allowed`, {
      limit: limits.maxCost,
      cost,
    });
  }
  return null;
}

/** The operation's cost; 0 when its variables do not even fit (execution refuses those as BAD_USER_INPUT). */
function costOf(schema: GraphQLSchema, query: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | undefined): number {
  try {
    return getComplexity({ schema, query, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [listEstimator] });
  } catch {
    return 0;
  }
}

/**
 * One per field. A field with `first` multiplies what it selects by it; a connection without it by
 * the default page size; a plain list by a nominal size, except a connection's own `edges` (the
 * connection counted them already).
 */
function listEstimator({ type: parent, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  if (typeof args.first === 'number' && args.first > 0) return 1 + childComplexity * args.first;
  const type = getNullableType(field.type);
  if (getNamedType(type).name.endsWith('Connection')) return 1 + childComplexity * DEFAULT_PAGE_SIZE;
  if (isListType(type) && !parent.name.endsWith('Connection')) return 1 + childComplexity * NOMINAL_LIST_SIZE;
  return 1 + childComplexity;
}
