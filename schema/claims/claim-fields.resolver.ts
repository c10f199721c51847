import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { Claim, ClaimEvent, Evidence } from './claim.type';

/**
 * What the field resolvers read of a claim. A type, not the class: type-graphql copies a root
 * whose parameter is typed with a class into a new instance of it, on every call (a page's 50
 * copies of 30 fields cost 3.5% of its CPU; BENCHMARKS.md, "Dashboard").
 */
type ClaimRoot = Pick<Claim, 'id' | 'loaded'>;

/** The parts of a claim that come from elsewhere than its summary row, batched per request. */
@Resolver(() => Claim)
export class ClaimFieldsResolver {
  @FieldResolver(() => [Evidence])
  evidence(@Root() claim: ClaimRoot, @Ctx() ctx: Context): Evidence[] | Promise<Evidence[]> {
    return claim.loaded?.evidence ?? ctx.loaders.evidence.load(claim.id);
  }

  @FieldResolver(() => [ClaimEvent], { description: "The claim's events, read from the event store." })
  history(@Root() claim: ClaimRoot, @Ctx() ctx: Context): ClaimEvent[] | Promise<ClaimEvent[]> {
    return claim.loaded?.history ?? ctx.loaders.history.load(claim.id);
  }
}
