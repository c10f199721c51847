import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { PolicyTerms as Terms } from '../../services/claims';
import { POLICY_PRESETS } from '../../services/policies/presets';
import { requirePrincipal } from '../auth';
import type { Context } from '../context';
import { readYourWrites, requestIds } from '../write-ids';
import { SetPlatformPolicyInput, type PolicyTermsInput } from './policy.inputs';
import { PlatformPolicy, PlatformPolicyPayload, PolicyPreset } from './policy.type';

/** Platform policies: read by everyone, set by supervisors. */
@Resolver()
export class PolicyResolver {
  @Query(() => PlatformPolicy, { description: 'The policy a claim on this platform is filed under now (its own, else the default).' })
  platformPolicy(@Arg('platformId', () => String) platformId: string, @Ctx() ctx: Context) {
    requirePrincipal(ctx);
    return ctx.policies.currentFor(platformId);
  }

  @Query(() => [PlatformPolicy], { description: 'Every version set for a platform (null: the default policy), oldest first.' })
  policyVersions(@Ctx() ctx: Context, @Arg('platformId', () => String, { nullable: true }) platformId?: string | null) {
    requirePrincipal(ctx);
    return ctx.policies.versions(platformId ?? null);
  }

  @Query(() => [PolicyPreset], { description: 'Example policies to start from, e.g. CONSUMER_ASSOCIATION (7 + 45 working days).' })
  policyPresets(@Ctx() ctx: Context): PolicyPreset[] {
    requirePrincipal(ctx);
    return Object.entries(POLICY_PRESETS).map(([name, terms]) => ({ name, terms: terms as PolicyPreset['terms'] }));
  }

  @Mutation(() => PlatformPolicyPayload, { description: "Sets a new version of a platform's (or the default) policy; supervisors only. Claims keep the version they were filed under." })
  async setPlatformPolicy(@Arg('input', () => SetPlatformPolicyInput) input: SetPlatformPolicyInput, @Ctx() ctx: Context) {
    const principal = requirePrincipal(ctx);
    const ids = requestIds(ctx, principal, input.idempotencyKey);
    const { policy, position } = await ctx.policies.set(input.platformId ?? null, toTerms(input.terms), principal, ids);
    await readYourWrites(ctx, position);
    return { policy, position: String(position) };
  }
}

function toTerms(input: PolicyTermsInput): Terms {
  const { firstResponse, resolution, makeUp, calendar } = input;
  return {
    filingWindowHours: input.filingWindowHours,
    maxResubmissions: input.maxResubmissions,
    firstResponse: { amount: firstResponse.amount, unit: firstResponse.unit },
    resolution: { amount: resolution.amount, unit: resolution.unit },
    overdueEscalatesTo: input.overdueEscalatesTo ?? null,
    makeUp: makeUp ? { thresholdMinutes: makeUp.thresholdMinutes, extensionFactor: makeUp.extensionFactor, minimumExtensionHours: makeUp.minimumExtensionHours } : null,
    calendar: { utcOffsetMinutes: calendar.utcOffsetMinutes, holidays: [...calendar.holidays] },
  };
}
