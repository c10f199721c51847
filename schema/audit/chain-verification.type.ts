import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "What recomputing a claim stream's hash chain over the events as stored found." })
export class ChainVerification {
  @Field(() => ID) claimId!: string;
  @Field(() => Boolean, { description: 'True when every event links to the one before and matches its hash.' })
  valid!: boolean;
  @Field(() => Int, { description: 'How many events the stream holds.' }) eventCount!: number;
  @Field(() => String, { nullable: true, description: 'The last hash recomputed up to where the chain holds.' })
  headHash!: string | null;
  @Field(() => Int, { nullable: true, description: 'The first revision where the record disagrees with the chain.' })
  firstInvalidRevision!: number | null;
  @Field(() => String, { nullable: true, description: 'What is wrong at firstInvalidRevision.' }) reason!: string | null;
}
