import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { clampDeliveries, findDelivery, findWebhook, findWebhooks } from '../../projections/webhooks/queries';
import type { WebhookDeliveryStatus } from '../../projections/webhooks/webhook-delivery.entity';
import { mayReadWebhooks, WebhookError } from '../../services/webhooks';
import type { Principal } from '../../services/tokens';
import { requirePrincipal } from '../auth';
import type { Context } from '../context';
import { toWebhook, toWebhookDelivery } from './webhook.mapper';
import { CreateWebhookInput, CreateWebhookPayload, Webhook, WebhookDelivery, WebhookDeliveryStatusEnum } from './webhook.type';
import { readModelLagging } from '../errors';

/** Webhooks: supervisors manage all, integrations their own, auditors read all. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'Registered webhooks (an integration sees its own), oldest first.' })
  async webhooks(@Ctx() ctx: Context): Promise<Webhook[]> {
    const actor = webhookReader(ctx);
    return (await findWebhooks(ctx.em, actor.role === 'integration' ? actor.id : null)).map(toWebhook);
  }

  @Mutation(() => CreateWebhookPayload)
  async createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: Context): Promise<CreateWebhookPayload> {
    const created = await ctx.webhooks.create(requirePrincipal(ctx), { url: input.url, eventTypes: input.eventTypes }, ctx.requestId);
    // Answered from the event, not the read model: the secret must reach the caller even if it lags.
    await ctx.read.waitForPosition(created.position, ctx.projectionWaitMs);
    const { webhookId: id, url, eventTypes, createdAt, signingSecret } = created;
    return { webhook: { id, url, eventTypes, active: true, createdAt: new Date(createdAt) }, signingSecret };
  }

  @Mutation(() => Webhook)
  async deactivateWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Webhook> {
    const { position } = await ctx.webhooks.deactivate(requirePrincipal(ctx), id, ctx.requestId);
    await ctx.read.waitForPosition(position, ctx.projectionWaitMs);
    const row = await findWebhook(ctx.em, id.toLowerCase());
    if (row === null || row.active) throw readModelLagging('webhooks', position);
    return toWebhook(row);
  }

  @Mutation(() => WebhookDelivery)
  async redeliverWebhook(@Arg('deliveryId', () => ID) deliveryId: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    await ctx.webhooks.redeliver(requirePrincipal(ctx), deliveryId.toLowerCase());
    const row = await findDelivery(ctx.em, deliveryId.toLowerCase());
    if (row === null) throw new WebhookError('NOT_FOUND');
    return toWebhookDelivery(row);
  }

  @FieldResolver(() => [WebhookDelivery], { description: 'Newest first; first defaults to 20, at most 100.' })
  async deliveries(
    @Root() webhook: Webhook,
    @Ctx() ctx: Context,
    @Arg('status', () => WebhookDeliveryStatusEnum, { nullable: true }) status?: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<WebhookDelivery[]> {
    const rows = await ctx.loaders.webhookDeliveries(status ?? null, clampDeliveries(first)).load(webhook.id);
    return rows.map(toWebhookDelivery);
  }
}

/** The caller, when the webhook rules let them read webhooks. */
function webhookReader(ctx: Context): Principal {
  const actor = requirePrincipal(ctx);
  if (!mayReadWebhooks(actor)) throw new WebhookError('FORBIDDEN');
  return actor;
}
