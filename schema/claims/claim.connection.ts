import { Field, Int, ObjectType } from 'type-graphql';
import { Claim } from './claim.type';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class ClaimEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Claim) node!: Claim;
}

/** A Relay connection over claims, newest filing first. */
@ObjectType({ simpleResolvers: true })
export class ClaimConnection {
  @Field(() => [ClaimEdge]) edges!: ClaimEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
