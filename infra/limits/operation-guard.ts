import { GraphQLError, getOperationAST, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../services/tokens';
import type { Metrics } from '../metrics/metrics';
import { measureOperation } from './document-shape';
import { checkOperation, type QueryLimits } from './query-limits';
import type { RateLimiter } from './rate-limiter';

/** Roles that may introspect the schema and see field suggestions in production. */
const STAFF_ROLES: ReadonlySet<string> = new Set(['agent', 'supervisor', 'auditor']);

/** Whether the caller may see the schema's shape when `NODE_ENV=production`. */
export function maySeeSchema(principal: Principal | null, production: boolean): boolean {
  return !production || (principal !== null && STAFF_ROLES.has(principal.role));
}

/** A parsed, validated operation about to run, and who sends it. */
export interface GuardedOperation {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  principal: Principal | null;
}

/** Why an operation may not run: the error to answer, its HTTP status, when to retry. */
export interface Refusal {
  error: GraphQLError;
  status: 400 | 429;
  retryAfterSeconds?: number;
}

export interface GuardDeps {
  schema: GraphQLSchema;
  limits: QueryLimits;
  /** Mutations per token. */
  mutations: RateLimiter;
  production: boolean;
  metrics?: Metrics;
}

/**
 * The checks every operation passes after validation and before any resolver, over HTTP and
 * WebSocket alike: introspection in production, the query limits, the mutation rate per token.
 */
export function createOperationGuard(deps: GuardDeps) {
  return (operation: GuardedOperation): Refusal | null => {
    const { document, operationName, variables, principal } = operation;
    const definition = getOperationAST(document, operationName);
    if (!definition) return null;
    if (!maySeeSchema(principal, deps.production) && measureOperation(document, definition).introspects) {
      return refuse(deps, new GraphQLError('introspection is for staff only', { extensions: { code: 'INTROSPECTION_DISABLED' } }));
    }
    const overLimit = checkOperation(deps.schema, document, operationName, variables, deps.limits);
    if (overLimit) return refuse(deps, overLimit);
    if (definition.operation !== 'mutation' || !principal) return null;
    const decision = deps.mutations.take(principal.tokenId);
    if (decision.allowed) return null;
    deps.metrics?.rateLimited.inc({ limit: 'mutations_per_token' });
    const message = `too many mutations with this token: try again in ${decision.retryAfterSeconds} s`;
    const { retryAfterSeconds } = decision;
    return { error: new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', retryAfterSeconds } }), status: 429, retryAfterSeconds };
  };
}

function refuse(deps: GuardDeps, error: GraphQLError): Refusal {
  deps.metrics?.queryRefusals.inc({ code: String(error.extensions.code) });
  return { error, status: 400 };
}

/** ` Did you mean "claims"?` and the like: hints at the schema's names. */
const SUGGESTION = / Did you mean [^?]*\?/g;

/** A message without GraphQL's field, type and argument suggestions. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/** The type of the guard createOperationGuard makes. */
export type OperationGuard = ReturnType<typeof createOperationGuard>;
