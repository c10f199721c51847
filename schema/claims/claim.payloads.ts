import { Field, ObjectType } from 'type-graphql';
import { Claim, ClaimEvent } from './claim.type';

/** What every claim mutation answers: the claim as the read model shows it after the append. */
@ObjectType()
export class ClaimPayload {
  @Field(() => Claim) claim!: Claim;
  @Field(() => [ClaimEvent], { description: 'The events this mutation appended (the original ones on a repeated idempotent request).' })
  events!: ClaimEvent[];
  @Field(() => String, { description: 'The global position of the last appended event.' }) position!: string;
}
