import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/core';
import { findEvidenceByClaimIds } from '../projections/claim-evidence/queries';
import { findClaimSummariesByIds } from '../projections/claim-summary/queries';
import { findDeliveriesOf } from '../projections/webhooks/queries';
import type { WebhookDeliveryRow, WebhookDeliveryStatus } from '../projections/webhooks/webhook-delivery.entity';
import { canSeeClaim } from '../services/claims';
import { claimStreamName } from '../services/claims';
import type { EventStore } from '../services/event-store';
import type { Principal } from '../services/tokens';
import { toClaimEvent } from './claims/claim-event.mapper';
import { toClaim, toEvidence } from './claims/claim.mapper';
import type { Claim, ClaimEvent, Evidence } from './claims/claim.type';

/** Per-request batching: one SQL statement per loader per tick, whatever the page size. */
export interface Loaders {
  /** The claim, or null when it does not exist or the caller may not see it. */
  claim: DataLoader<string, Claim | null>;
  evidence: DataLoader<string, Evidence[]>;
  /** A claim's events from the event store, the source of truth. */
  history: DataLoader<string, ClaimEvent[]>;
  /** A webhook's newest deliveries, one loader per (status, first) asked for. */
  webhookDeliveries(status: WebhookDeliveryStatus | null, first: number): DataLoader<string, WebhookDeliveryRow[]>;
}

export function createLoaders(deps: { em: EntityManager; store: EventStore; principal: Principal | null }): Loaders {
  const { em, store, principal } = deps;
  const deliveryLoaders = new Map<string, DataLoader<string, WebhookDeliveryRow[]>>();
  return {
    claim: new DataLoader(async (ids) => {
      const rows = await findClaimSummariesByIds(em, [...ids]);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => {
        const row = byId.get(id);
        return row && principal && canSeeClaim(principal, row.claimantId) ? toClaim(row) : null;
      });
    }),
    evidence: new DataLoader(async (claimIds) => {
      const rows = await findEvidenceByClaimIds(em, [...claimIds]);
      const byClaim = new Map<string, Evidence[]>(claimIds.map((id) => [id, []]));
      for (const row of rows) byClaim.get(row.claimId)?.push(toEvidence(row));
      return claimIds.map((id) => byClaim.get(id) ?? []);
    }),
    history: new DataLoader(async (claimIds) =>
      Promise.all(claimIds.map(async (id) => (await store.readStream(claimStreamName(id))).map(toClaimEvent))),
    ),
    webhookDeliveries(status, first) {
      const key = `${status ?? '*'}:${first}`;
      let loader = deliveryLoaders.get(key);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const byWebhook = await findDeliveriesOf(em, [...ids], status, first);
          return ids.map((id) => byWebhook.get(id) ?? []);
        });
        deliveryLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
