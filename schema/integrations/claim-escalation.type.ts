import { Field, ID, ObjectType } from 'type-graphql';
import type { EscalationLevel, EscalationReason } from '../../services/claims';
import { EscalationLevelEnum, EscalationReasonEnum } from '../claims/claim.enums';
import type { Claim } from '../claims/claim.type';
import { DateTimeScalar } from '../scalars';

/** A ClaimEscalated event as integrations receive it; `claim` is resolved by ClaimEscalationResolver. */
@ObjectType({ description: 'A claim went up the escalation ladder.' })
export class ClaimEscalation {
  /**
   * Not a GraphQL field. The claim as it stood right after this escalation, folded from its
   * stream at most once however many subscribers ask (see feed-event.ts).
   */
  loadClaim!: () => Promise<Claim>;

  @Field(() => ID) claimId!: string;
  @Field(() => EscalationLevelEnum) level!: EscalationLevel;
  @Field(() => EscalationReasonEnum) reason!: EscalationReason;
  @Field(() => String, { nullable: true, description: 'The body escalated to (e.g. 12315).' }) body!: string | null;
  @Field(() => String, { nullable: true, description: "The body's own case reference." }) caseReference!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the escalation happened (the command time, occurredAt).' })
  escalatedAt!: Date;
  @Field(() => String, { description: "The event store's global position, as a decimal string: resume after it." })
  position!: string;
}
