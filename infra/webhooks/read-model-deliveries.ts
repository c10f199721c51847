import type { MikroORM } from '@mikro-orm/core';
import { findDelivery, findWebhook, requeueDelivery } from '../../projections/webhooks/queries';
import type { Role } from '../../services/claims/commands';
import type { WebhookDeliveries } from '../../services/webhooks/webhook-service';

/** The webhook service's view of the outbox, over the read-model database. */
export function readModelDeliveries(orm: MikroORM): WebhookDeliveries {
  return {
    async ownerOf(deliveryId) {
      const em = orm.em.fork();
      const delivery = await findDelivery(em, deliveryId);
      const webhook = delivery === null ? null : await findWebhook(em, delivery.webhookId);
      return webhook === null ? null : { id: webhook.ownerId, role: webhook.ownerRole as Role };
    },
    async requeue(deliveryId, now) {
      await requeueDelivery(orm.em.fork(), deliveryId, now);
    },
  };
}
