import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { verifyChain } from '../../services/audit/verify-chain';
import { claimStreamName } from '../../services/claims';
import { requirePrincipal } from '../auth';
import { toClaimEvent } from '../claims/claim-event.mapper';
import { Claim, ClaimEvent } from '../claims/claim.type';
import type { Context } from '../context';
import { DateTimeScalar } from '../scalars';
import { asOfPoint, historyRange, type AsOfPoint } from './audit-args';
import { claimIdArgument, isVisibleClaim, readVisibleRange, readVisibleStream } from './audited-stream';
import { claimAsOfEvents, eventsUpTo } from './claim-as-of';
import { ChainVerification } from './chain-verification.type';

/**
 * The auditor's view: a claim's record read from the event store itself, never from a read model.
 * Readable by every role but a claimant, who reads only their own claims; another's is NOT_FOUND
 * (null for claimAsOf), exactly like a claim that does not exist.
 */
@Resolver()
export class AuditQueriesResolver {
  @Query(() => [ClaimEvent], { description: "A claim's events from the event store; an inclusive revision range." })
  async claimHistory(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('fromRevision', () => Int, { nullable: true }) fromRevision?: number | null,
    @Arg('toRevision', () => Int, { nullable: true }) toRevision?: number | null,
  ): Promise<ClaimEvent[]> {
    const principal = requirePrincipal(ctx);
    const range = historyRange(fromRevision ?? null, toRevision ?? null);
    const events = await readVisibleRange(ctx.store, principal, claimIdArgument(id), range);
    return events.map(toClaimEvent);
  }

  @Query(() => Claim, {
    nullable: true,
    description: 'The claim as it stood at a revision, or at a time (compared with recordedAt); the latest without either.',
  })
  claimAsOf(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('revision', () => Int, { nullable: true }) revision?: number | null,
    @Arg('at', () => DateTimeScalar, { nullable: true }) at?: Date | null,
  ): Promise<Claim | null> {
    requirePrincipal(ctx);
    return claimAsOf(ctx, claimIdArgument(id), asOfPoint(revision ?? null, at ?? null));
  }

  @Query(() => ChainVerification, { description: "Recomputes the hash chain over the claim's events as stored." })
  async verifyClaim(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ChainVerification> {
    const principal = requirePrincipal(ctx);
    const claimId = claimIdArgument(id);
    // The raw store: the hashes cover the stored form, not the upcast one.
    const events = await readVisibleStream(ctx.rawStore, principal, claimId);
    return { claimId, ...verifyChain(events) };
  }
}

/** Null, not NOT_FOUND, for a claim the caller may not see: `claimAsOf` answers like `claim`. */
async function claimAsOf(ctx: Context, claimId: string, point: AsOfPoint): Promise<Claim | null> {
  const maxCount = point.kind === 'revision' ? point.revision + 1 : undefined;
  const events = await ctx.store.readStream(claimStreamName(claimId), { maxCount });
  if (!isVisibleClaim(requirePrincipal(ctx), events)) return null;
  const upTo = eventsUpTo(events, point);
  return upTo === null ? null : claimAsOfEvents(upTo);
}
