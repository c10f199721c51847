import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Claim } from '../claims/claim.type';
import { ClaimEscalation } from './claim-escalation.type';

@Resolver(() => ClaimEscalation)
export class ClaimEscalationResolver {
  @FieldResolver(() => Claim, {
    description: 'The claim as it stood right after the escalation (the same on a live event and on a resumed one).',
  })
  claim(@Root() escalation: ClaimEscalation): Promise<Claim> {
    return escalation.loadClaim();
  }
}
