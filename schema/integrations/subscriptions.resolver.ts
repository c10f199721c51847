import { GraphQLError } from 'graphql';
import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { EscalationLevel } from '../../services/claims';
import { requirePrincipal } from '../auth';
import { EscalationLevelEnum } from '../claims/claim.enums';
import { ClaimEvent } from '../claims/claim.type';
import type { Context } from '../context';
import { ClaimEscalation } from './claim-escalation.type';
import type { FeedEvent } from './claim-feed';
import { claimEventsMatcher, escalationsMatcher } from './feed-filters';
import { claimIdArgument, eventTypesArgument, positionArgument, setArgument } from './subscription-args';

interface ClaimEscalatedArgs {
  levels?: EscalationLevel[] | null;
  platformId?: string | null;
  afterPosition?: string | null;
}

interface ClaimEventsArgs {
  claimId?: string | null;
  types?: string[] | null;
  afterPosition?: string | null;
}

const AFTER_POSITION = 'Resume: first every matching event after this position (a `position` you received), then live ones.';

/**
 * Integrations hear of claim events as they are appended (over graphql-ws). The subscribe
 * functions choose the events; the methods only hand each prepared event out. A claimant hears
 * only of their own claims.
 */
@Resolver()
export class SubscriptionsResolver {
  @Subscription(() => ClaimEscalation, {
    description: 'Escalations as they happen; levels and platformId narrow them (absent or empty: all).',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, ClaimEscalatedArgs, Context>) =>
      context.claimFeed.subscribe({
        afterPosition: positionArgument(args.afterPosition),
        matches: escalationsMatcher(requirePrincipal(context), {
          levels: setArgument(args.levels),
          platformId: args.platformId ?? null,
        }),
      }),
  })
  claimEscalated(
    @Root() event: FeedEvent,
    @Arg('levels', () => [EscalationLevelEnum], { nullable: true }) _levels?: EscalationLevel[] | null,
    @Arg('platformId', () => String, { nullable: true }) _platformId?: string | null,
    @Arg('afterPosition', () => String, { nullable: true, description: AFTER_POSITION }) _afterPosition?: string | null,
  ): ClaimEscalation {
    // The matcher passes ClaimEscalated events only.
    return fromFeed(event).escalation!;
  }

  @Subscription(() => ClaimEvent, {
    description: "Claim events as they are appended; claimId and types narrow them (types absent or empty: all).",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, ClaimEventsArgs, Context>) =>
      context.claimFeed.subscribe({
        afterPosition: positionArgument(args.afterPosition),
        matches: claimEventsMatcher(requirePrincipal(context), {
          claimId: claimIdArgument(args.claimId),
          types: eventTypesArgument(args.types),
        }),
      }),
  })
  claimEvents(
    @Root() event: FeedEvent,
    @Arg('claimId', () => ID, { nullable: true }) _claimId?: string | null,
    @Arg('types', () => [String], { nullable: true }) _types?: string[] | null,
    @Arg('afterPosition', () => String, { nullable: true, description: AFTER_POSITION }) _afterPosition?: string | null,
  ): ClaimEvent {
    return fromFeed(event).event;
  }
}

/**
 * The event a subscription was given. Over HTTP, Apollo runs a subscription document like a query,
 * with no event: say where subscriptions are served instead of failing obscurely.
 */
function fromFeed(event: FeedEvent | undefined): FeedEvent {
  if (event) return event;
  throw new GraphQLError('subscriptions are served over WebSocket (the graphql-ws protocol) on this same URL', {
    extensions: { code: 'BAD_REQUEST' },
  });
}
