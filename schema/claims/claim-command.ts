import type { ClaimIntent } from '../../services/claim-service';
import type { Context } from '../context';
import { requirePrincipal } from '../auth';
import { toClaimEvent } from './claim-event.mapper';
import type { ClaimPayload } from './claim.payloads';
import { readModelLagging } from '../errors';

/** The fields that say which claim a command is for and how to repeat it safely. */
export interface CommandTarget {
  claimId?: string | null;
  expectedRevision?: number | null;
  idempotencyKey?: string | null;
}

/**
 * Runs a claim command and answers with the claim as the read model shows it once it has applied
 * the append (read-your-writes), waiting at most the configured time.
 */
export async function runClaimCommand(ctx: Context, target: CommandTarget, intent: ClaimIntent): Promise<ClaimPayload> {
  const actor = requirePrincipal(ctx);
  const result = await ctx.claims.handle({
    claimId: target.claimId ?? null,
    intent,
    actor: { id: actor.id, role: actor.role },
    expectedRevision: target.expectedRevision ?? undefined,
    idempotencyKey: target.idempotencyKey ?? undefined,
    correlationId: ctx.requestId,
  });
  await ctx.read.waitForPosition(result.position, ctx.projectionWaitMs);
  const claim = await ctx.loaders.claim.clear(result.claimId).load(result.claimId);
  if (!claim) {
    throw readModelLagging('the claim', result.position, { claimId: result.claimId });
  }
  return { claim, events: result.events.map(toClaimEvent), position: String(result.position) };
}

/** Optional ISO strings from optional Date inputs. */
export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
