import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ClaimFieldsResolver } from './claims/claim-fields.resolver';
import { ClaimMutationsResolver } from './claims/claim-mutations.resolver';
import { ClaimQueriesResolver } from './claims/claim-queries.resolver';
import { AuditQueriesResolver } from './audit/audit-queries.resolver';
import { ClaimEscalationResolver } from './integrations/claim-escalation.resolver';
import { noPubSub } from './integrations/no-pub-sub';
import { SubscriptionsResolver } from './integrations/subscriptions.resolver';
import { WebhookResolver } from './integrations/webhook.resolver';
import { DateTimeScalar } from './scalars';
import { CollectiveCaseResolver } from './collective/collective.resolver';
import { OutageResolver } from './outages/outage.resolver';
import { PolicyResolver } from './policies/policy.resolver';

/** The served schema: the contract in ../shared/contract plus what we add around it. */
export function buildRecourseSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      ClaimQueriesResolver,
      ClaimMutationsResolver,
      ClaimFieldsResolver,
      AuditQueriesResolver,
      SubscriptionsResolver,
      ClaimEscalationResolver,
      WebhookResolver,
      PolicyResolver,
      OutageResolver,
      CollectiveCaseResolver,
    ],
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: { forbidUnknownValues: false },
    pubSub: noPubSub,
    emitSchemaFile: false,
  });
}
