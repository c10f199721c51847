import type { EntitySchema } from '@mikro-orm/core';
import { ProjectionCheckpointSchema } from './checkpoint.entity';
import { ProjectorLeaseSchema } from './projector-lease.entity';
import { claimEvidenceProjection } from './claim-evidence/claim-evidence.projection';
import { claimSummaryProjection } from './claim-summary/claim-summary.projection';
import { collectiveCaseProjection, collectiveMemberProjection } from './collective-cases/collective-case.projection';
import { outageProjection } from './outages/outage.projection';
import type { AnyProjection } from './projection';
import { WebhookDeliverySchema } from './webhooks/webhook-delivery.entity';
import { webhookProjection } from './webhooks/webhook.projection';

export * from './projection';
export * from './checkpoint.entity';
export * from './projector-lease.entity';
export * from './query-errors';
export * from './claim-summary/claim-summary.entity';
export * from './claim-summary/claim-summary.projection';
export * from './claim-summary/claim-cursor';
export * from './claim-summary/queries';
export * from './claim-evidence/claim-evidence.entity';
export * from './claim-evidence/claim-evidence.projection';
export * from './claim-evidence/queries';
export * from './webhooks/webhook.entity';
export * from './webhooks/webhook.projection';
export * from './webhooks/webhook-delivery.entity';
export * from './webhooks/outbox';
export * from './webhooks/queries';

export * from './outages/outage.entity';
export * from './outages/outage.projection';
export * from './outages/queries';
export * from './collective-cases/collective-case.entity';
export * from './collective-cases/collective-case.projection';
export * from './collective-cases/queries';

/** Every read model's projection; the runner keeps them all up to date. */
export const allProjections: readonly AnyProjection[] = [
  claimSummaryProjection,
  claimEvidenceProjection,
  outageProjection,
  collectiveCaseProjection,
  collectiveMemberProjection,
  webhookProjection,
];

/** Every entity of the read-model database: the projections' rows, the webhook outbox, the runner's checkpoints and lease. */
export const readModelEntities: readonly EntitySchema[] = [
  ...allProjections.map((projection) => projection.entity as EntitySchema),
  WebhookDeliverySchema as EntitySchema,
  ProjectionCheckpointSchema as EntitySchema,
  ProjectorLeaseSchema as EntitySchema,
];
export * from './claim-summary/deadline-queries';
