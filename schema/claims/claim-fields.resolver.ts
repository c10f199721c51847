import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Claim, ClaimEvent, Evidence } from './claim.type';

/** The parts of a claim that come from elsewhere than its summary row, batched per request. */
@Resolver(() => Claim)
export class ClaimFieldsResolver {
  @FieldResolver(() => [Evidence])
  evidence(@Root() claim: Claim, @Ctx() ctx: Context): Evidence[] | Promise<Evidence[]> {
    return claim.asOf?.evidence ?? ctx.loaders.evidence.load(claim.id);
  }

  @FieldResolver(() => [ClaimEvent], { description: "The claim's events, read from the event store." })
  history(@Root() claim: Claim, @Ctx() ctx: Context): ClaimEvent[] | Promise<ClaimEvent[]> {
    return claim.asOf?.history ?? ctx.loaders.history.load(claim.id);
  }
}
