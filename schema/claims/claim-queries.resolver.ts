import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { isClaimId } from '../../services/claims';
import { requirePrincipal } from '../auth';
import type { Context } from '../context';
import { badUserInput } from '../errors';
import { listClaims } from './claim-list';
import { claimNodeFieldsAsked } from './claim-selection';
import { ClaimConnection } from './claim.connection';
import { ClaimFilter } from './claim.filter';
import { Claim } from './claim.type';

@Resolver()
export class ClaimQueriesResolver {
  @Query(() => Claim, { nullable: true, description: 'A claim by id; null when it does not exist or is not yours to see.' })
  claim(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Claim | null> {
    requirePrincipal(ctx);
    if (!isClaimId(id)) throw badUserInput('id must be a UUID');
    return ctx.loaders.claim.load(id.toLowerCase());
  }

  @Query(() => ClaimConnection, { description: 'Claims, newest filing first; a claimant sees only their own.' })
  claims(
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => ClaimFilter, { nullable: true }) filter?: ClaimFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100; default 20.' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ClaimConnection> {
    return listClaims(ctx, filter ?? {}, first ?? 20, after ?? null, claimNodeFieldsAsked(info));
  }
}
