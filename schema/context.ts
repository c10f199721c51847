import type { EntityManager } from '@mikro-orm/core';
import type { ClaimService } from '../services/claim-service';
import type { CollectiveCases } from '../services/collective/collective-cases';
import type { Outages } from '../services/outages/outages';
import type { PolicyBook } from '../services/policies/policy-book';
import type { EventStore } from '../services/event-store';
import type { Principal } from '../services/tokens';
import type { WebhookService } from '../services/webhooks/webhook-service';
import type { ClaimFeed } from './integrations/claim-feed';
import { createLoaders, type Loaders } from './loaders';

/** What the read side offers the API: queries run on a fresh entity manager per request. */
export interface ReadSide {
  entityManager(): EntityManager;
  /** Resolves true once every read model has applied the event at `position`; false after `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
}

/** Everything the resolvers of one request may use. */
export interface Context {
  requestId: string;
  /** The caller; null when no token was sent (resolvers then answer UNAUTHENTICATED). */
  principal: Principal | null;
  claims: ClaimService;
  webhooks: WebhookService;
  read: ReadSide;
  /** This request's own entity manager (never shared between requests). */
  em: EntityManager;
  loaders: Loaders;
  /** Longest a mutation waits for its append to show in the read models, ms. */
  projectionWaitMs: number;
  /** The event store, events in their current shape (upcast on read): history and time travel. */
  store: EventStore;
  /** The event store with events exactly as stored, which the hash chain covers: verification only. */
  rawStore: EventStore;
  /** Claim events as they are appended, for subscriptions (one feed per process, shared). */
  claimFeed: ClaimFeed;
  policies: PolicyBook;
  outages: Outages;
  collective: CollectiveCases;
}

export interface ContextDeps {
  claims: ClaimService;
  webhooks: WebhookService;
  /** Upcasting on read (see Context.store). */
  store: EventStore;
  /** As stored (see Context.rawStore). */
  rawStore: EventStore;
  read: ReadSide;
  projectionWaitMs: number;
  claimFeed: ClaimFeed;
  policies: PolicyBook;
  outages: Outages;
  collective: CollectiveCases;
}

/** A context per request: loaders and the entity manager are never shared between requests. */
export function createContext(deps: ContextDeps, principal: Principal | null, requestId: string): Context {
  const em = deps.read.entityManager();
  return {
    requestId,
    principal,
    claims: deps.claims,
    webhooks: deps.webhooks,
    read: deps.read,
    em,
    loaders: createLoaders({ em, store: deps.store, principal }),
    projectionWaitMs: deps.projectionWaitMs,
    store: deps.store,
    rawStore: deps.rawStore,
    claimFeed: deps.claimFeed,
    policies: deps.policies,
    outages: deps.outages,
    collective: deps.collective,
  };
}
