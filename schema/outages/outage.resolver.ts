import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { OutageRow } from '../../projections/outages/outage.entity';
import { findClaimsMadeUpBy, findOutage, findOutages } from '../../projections/outages/queries';
import { canSeeClaim } from '../../services/claims';
import { requirePrincipal } from '../auth';
import { toClaim } from '../claims/claim.mapper';
import { Claim } from '../claims/claim.type';
import type { Context } from '../context';
import { badUserInput, readModelLagging } from '../errors';
import { readYourWrites, requestIds } from '../write-ids';
import { EndOutageInput, Outage, OutagePayload, ReportOutageInput } from './outage.type';

/** Outages: reported by supervisors and integrations (a platform's monitoring), read by everyone. */
@Resolver(() => Outage)
export class OutageResolver {
  @Query(() => Outage, { nullable: true })
  async outage(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    requirePrincipal(ctx);
    const row = await findOutage(ctx.em, id.toLowerCase());
    return row && toOutage(row);
  }

  @Query(() => [Outage], { description: 'Outages, newest first.' })
  async outages(
    @Ctx() ctx: Context,
    @Arg('platformId', () => String, { nullable: true }) platformId?: string | null,
    @Arg('first', () => Int, { nullable: true, description: '1 to 100; default 20.' }) first?: number | null,
  ) {
    requirePrincipal(ctx);
    if (first != null && (first < 1 || first > 100)) throw badUserInput('first must be from 1 to 100');
    return (await findOutages(ctx.em, platformId ?? null, first ?? 20)).map(toOutage);
  }

  @FieldResolver(() => [Claim], { description: 'The claims its automatic make-up resolved (a claimant sees only their own).' })
  async compensatedClaims(@Root() outage: Outage, @Ctx() ctx: Context): Promise<Claim[]> {
    const principal = requirePrincipal(ctx);
    const rows = await findClaimsMadeUpBy(ctx.em, [outage.id]);
    return rows.filter((row) => canSeeClaim(principal, row.claimantId)).map(toClaim);
  }

  @Mutation(() => OutagePayload, { description: 'Records an outage; when it ends longer than the policy threshold, matching claims are made up automatically.' })
  async reportOutage(@Arg('input', () => ReportOutageInput) input: ReportOutageInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const { outageId, platformId, description } = input;
    const data = { outageId: outageId.toLowerCase(), platformId, product: input.product ?? null, startedAt: input.startedAt.toISOString(), endedAt: input.endedAt?.toISOString() ?? null, description };
    const result = await ctx.outages.report(data, principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, data.outageId, result.events.at(-1)!.position);
  }

  @Mutation(() => OutagePayload)
  async endOutage(@Arg('input', () => EndOutageInput) input: EndOutageInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const outageId = input.outageId.toLowerCase();
    const result = await ctx.outages.end(outageId, input.endedAt.toISOString(), principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, outageId, result.events.at(-1)!.position);
  }
}

async function answer(ctx: Context, outageId: string, position: bigint): Promise<OutagePayload> {
  await readYourWrites(ctx, position);
  const row = await findOutage(ctx.em, outageId);
  if (!row) throw readModelLagging('the outage', position);
  return { outage: toOutage(row), position: String(position) };
}

export function toOutage(row: OutageRow): Outage {
  return {
    id: row.id,
    platformId: row.platformId,
    product: row.product,
    description: row.description,
    startedAt: new Date(row.startedAt),
    endedAt: row.endedAt ? new Date(row.endedAt) : null,
    durationMinutes: row.durationMinutes,
    makeUpExtensionHours: row.makeUpExtensionHours,
    makeUpPolicyVersion: row.makeUpPolicyVersion,
  };
}
