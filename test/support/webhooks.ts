import { fileClaimInput, mutation } from './documents';
import type { TestApp } from './api';

export const WEBHOOK_FIELDS = 'id url eventTypes active createdAt';
export const DELIVERY_FIELDS = 'id eventId eventType status attempts lastStatusCode lastError nextAttemptAt deliveredAt';

export const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { ${WEBHOOK_FIELDS} } signingSecret } }`;
export const DEACTIVATE_WEBHOOK = `mutation($id: ID!) { deactivateWebhook(id: $id) { ${WEBHOOK_FIELDS} } }`;
export const REDELIVER_WEBHOOK = `mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { ${DELIVERY_FIELDS} } }`;
export const WEBHOOKS = `query($status: WebhookDeliveryStatus, $first: Int) { webhooks { ${WEBHOOK_FIELDS} deliveries(status: $status, first: $first) { ${DELIVERY_FIELDS} } } }`;

/** A webhook the API registered, with the secret it showed once. */
export interface CreatedWebhook {
  id: string;
  url: string;
  signingSecret: string;
}

export async function createWebhook(app: TestApp, token: string, url: string, eventTypes: string[]): Promise<CreatedWebhook> {
  const answer = await app.gql(token, CREATE_WEBHOOK, { input: { url, eventTypes } });
  if (answer.errors) throw new Error(`createWebhook failed: ${JSON.stringify(answer.errors)}`);
  const { webhook, signingSecret } = answer.data!.createWebhook;
  return { id: webhook.id, url: webhook.url, signingSecret };
}

/** Files a claim as the claimant token's owner; resolves its id. */
export async function fileClaim(app: TestApp, claimant: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const answer = await app.gql(claimant, mutation('fileClaim'), { input: fileClaimInput(overrides) });
  if (answer.errors) throw new Error(`fileClaim failed: ${JSON.stringify(answer.errors)}`);
  return answer.data!.fileClaim.claim.id;
}

export const LADDER = ['PLATFORM_MANAGEMENT', 'CONSUMER_ASSOCIATION', 'REGULATOR', 'COURT'] as const;

export async function escalate(app: TestApp, agent: string, claimId: string, level: string): Promise<void> {
  const input = { claimId, level, reason: 'AGENT_DECISION', body: level === 'CONSUMER_ASSOCIATION' ? '12315 消费者协会' : null };
  const answer = await app.gql(agent, mutation('escalateClaim'), { input });
  if (answer.errors) throw new Error(`escalateClaim failed: ${JSON.stringify(answer.errors)}`);
}

export async function followUp(app: TestApp, claimant: string, claimId: string, message = '请尽快处理，已经等了两天了'): Promise<void> {
  const answer = await app.gql(claimant, mutation('followUpClaim'), { input: { claimId, message } });
  if (answer.errors) throw new Error(`followUpClaim failed: ${JSON.stringify(answer.errors)}`);
}
