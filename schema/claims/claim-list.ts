import { encodeClaimCursor } from '../../projections/claim-summary/claim-cursor';
import { findClaimPage, MAX_PAGE_SIZE } from '../../projections/claim-summary/queries';
import { InvalidQueryInputError } from '../../projections/query-errors';
import { requirePrincipal } from '../auth';
import type { Context } from '../context';
import { badUserInput } from '../errors';
import type { ClaimConnection } from './claim.connection';
import type { ClaimFilter } from './claim.filter';
import { toClaim } from './claim.mapper';
import type { Claim } from './claim.type';

/** One page of the claims list; a claimant's list is always narrowed to their own claims. */
export async function listClaims(
  ctx: Context,
  filter: ClaimFilter,
  first: number,
  after: string | null,
  /** The `Claim` fields the query selects (`claimNodeFieldsAsked`): evidence asked for is read with the page. */
  asked: ReadonlySet<string>,
): Promise<ClaimConnection> {
  const principal = requirePrincipal(ctx);
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 1 to ${MAX_PAGE_SIZE}`);
  }
  const page = await findClaimPage(ctx.em, {
    filter: {
      status: filter.status ?? undefined,
      escalationLevel: filter.escalationLevel ?? undefined,
      platformId: filter.platformId ?? undefined,
      claimantId: filter.claimantId ?? undefined,
      assignedTo: filter.assignedTo ?? undefined,
      filedLate: filter.filedLate ?? undefined,
      filedFrom: filter.filedFrom?.toISOString(),
      filedTo: filter.filedTo?.toISOString(),
      overdue: filter.overdue ?? undefined,
    },
    first,
    after,
    visibleToClaimantId: principal.role === 'claimant' ? principal.id : undefined,
  }).catch((error: unknown) => {
    throw error instanceof InvalidQueryInputError ? badUserInput(error.message, { argument: error.argument }) : error;
  });
  const edges = page.rows.map((row) => {
    const node = toClaim(row);
    ctx.loaders.claim.prime(node.id, node);
    return { cursor: encodeClaimCursor(row), node };
  });
  if (asked.has('evidence')) await loadEvidence(ctx, edges.map((edge) => edge.node));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/**
 * The claims' evidence in one batch of the request's loader (one statement), kept on each claim:
 * its `evidence` field then answers at once, where a loader's promise per claim made graphql-js
 * complete every claim of the page asynchronously (BENCHMARKS.md, "Dashboard").
 */
async function loadEvidence(ctx: Context, claims: Claim[]): Promise<void> {
  const evidence = await ctx.loaders.evidence.loadMany(claims.map((claim) => claim.id));
  claims.forEach((claim, index) => {
    const found = evidence[index];
    if (found instanceof Error) throw found;
    claim.loaded = { evidence: found };
  });
}
