import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { findClaimSummariesByIds } from '../../projections/claim-summary/queries';
import type { CollectiveCaseRow } from '../../projections/collective-cases/collective-case.entity';
import { findCollectiveCase, findCollectiveCases, findMembersOfCases } from '../../projections/collective-cases/queries';
import type { Remedy as DomainRemedy } from '../../services/claims';
import { requirePrincipal } from '../auth';
import { Claim } from '../claims/claim.type';
import type { Context } from '../context';
import { toRemedy } from '../claims/remedy.mapper';
import { readYourWrites, requestIds } from '../write-ids';
import { readModelLagging } from '../errors';
import {
  CollectiveCase,
  CollectiveCasePayload,
  CollectiveMembershipInput,
  EscalateCollectiveCaseInput,
  OpenCollectiveCaseInput,
  ResolveCollectiveCaseInput,
  StatusCount,
} from './collective.type';

/** Collective cases: opened by supervisors or claimants; escalating or resolving one reaches every member claim. */
@Resolver(() => CollectiveCase)
export class CollectiveCaseResolver {
  @Query(() => CollectiveCase, { nullable: true })
  async collectiveCase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    requirePrincipal(ctx);
    const row = await findCollectiveCase(ctx.em, id.toLowerCase());
    return row && toCase(row);
  }

  @Query(() => [CollectiveCase], { description: 'Collective cases, newest first (at most 100).' })
  async collectiveCases(@Ctx() ctx: Context, @Arg('platformId', () => String, { nullable: true }) platformId?: string | null) {
    requirePrincipal(ctx);
    return (await findCollectiveCases(ctx.em, platformId ?? null, 100)).map(toCase);
  }

  @FieldResolver(() => [Claim], { description: 'The member claims in joining order (a claimant sees only their own).' })
  async members(@Root() collectiveCase: CollectiveCase, @Ctx() ctx: Context): Promise<Claim[]> {
    const members = await findMembersOfCases(ctx.em, [collectiveCase.id]);
    const claims = await ctx.loaders.claim.loadMany(members.map((member) => member.claimId));
    return claims.filter((claim): claim is Claim => claim !== null && !(claim instanceof Error));
  }

  @FieldResolver(() => [StatusCount], { description: 'How many members are in each status (all members, whoever asks).' })
  async memberStatusCounts(@Root() collectiveCase: CollectiveCase, @Ctx() ctx: Context): Promise<StatusCount[]> {
    const members = await findMembersOfCases(ctx.em, [collectiveCase.id]);
    const rows = await findClaimSummariesByIds(ctx.em, members.map((member) => member.claimId));
    const counts = new Map<StatusCount['status'], number>();
    for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
    return [...counts].map(([status, count]) => ({ status, count })).sort((a, b) => a.status.localeCompare(b.status));
  }

  @Mutation(() => CollectiveCasePayload)
  async openCollectiveCase(@Arg('input', () => OpenCollectiveCaseInput) input: OpenCollectiveCaseInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const caseId = input.caseId.toLowerCase();
    const data = { caseId, platformId: input.platformId, outageId: input.outageId?.toLowerCase() ?? null, title: input.title };
    const result = await ctx.collective.open(data, principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, caseId, result.events.at(-1)!.position);
  }

  @Mutation(() => CollectiveCasePayload)
  async joinCollectiveCase(@Arg('input', () => CollectiveMembershipInput) input: CollectiveMembershipInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const caseId = input.caseId.toLowerCase();
    const result = await ctx.collective.join(caseId, input.claimId.toLowerCase(), principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, caseId, result.events.at(-1)!.position);
  }

  @Mutation(() => CollectiveCasePayload)
  async leaveCollectiveCase(@Arg('input', () => CollectiveMembershipInput) input: CollectiveMembershipInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const caseId = input.caseId.toLowerCase();
    const result = await ctx.collective.leave(caseId, input.claimId.toLowerCase(), principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, caseId, result.events.at(-1)!.position);
  }

  @Mutation(() => CollectiveCasePayload, { description: 'Escalates the case and, through its own stream, every member claim (reason COLLECTIVE_ACTION).' })
  async escalateCollectiveCase(@Arg('input', () => EscalateCollectiveCaseInput) input: EscalateCollectiveCaseInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const caseId = input.caseId.toLowerCase();
    const data = { level: input.level, body: input.body ?? null, caseReference: input.caseReference ?? null };
    await ctx.collective.escalate(caseId, data, principal, requestIds(ctx, principal, input.idempotencyKey));
    // The members' escalations were appended after the case's: wait for all of them to show.
    return answer(ctx, caseId, await ctx.store.headPosition());
  }

  @Mutation(() => CollectiveCasePayload, { description: 'Resolves the case and every member claim with the remedy; supervisors only.' })
  async resolveCollectiveCase(@Arg('input', () => ResolveCollectiveCaseInput) input: ResolveCollectiveCaseInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const caseId = input.caseId.toLowerCase();
    const data = { remedy: toRemedy(input.remedy), note: input.note ?? null };
    await ctx.collective.resolve(caseId, data, principal, requestIds(ctx, principal, input.idempotencyKey));
    return answer(ctx, caseId, await ctx.store.headPosition());
  }
}

async function answer(ctx: Context, caseId: string, position: bigint): Promise<CollectiveCasePayload> {
  await readYourWrites(ctx, position);
  const row = await findCollectiveCase(ctx.em, caseId);
  if (!row) throw readModelLagging('the case', position);
  return { collectiveCase: toCase(row), position: String(position) };
}

function toCase(row: CollectiveCaseRow): CollectiveCase {
  const remedy = row.remedy ? (JSON.parse(row.remedy) as DomainRemedy) : null;
  return {
    id: row.id,
    platformId: row.platformId,
    outageId: row.outageId,
    title: row.title,
    openedBy: row.openedById,
    escalationLevel: row.escalationLevel,
    status: row.status,
    remedy: remedy && { kind: remedy.kind, amount: remedy.amount ?? null, extensionHours: remedy.extensionHours ?? null },
    memberCount: row.memberCount,
    openedAt: new Date(row.openedAt),
  };
}
