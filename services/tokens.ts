import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from './claims';
import { NO_STREAM, WrongExpectedVersionError, type EventStore } from './event-store';

/** Roles a token can carry; `system` is reserved for the policies Recourse runs itself. */
export const TOKEN_ROLES = ['claimant', 'agent', 'supervisor', 'auditor', 'integration'] as const satisfies readonly Role[];
export type TokenRole = (typeof TOKEN_ROLES)[number];

export function isTokenRole(value: string): value is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(value);
}

/** Who a valid token speaks for. */
export interface Principal extends Actor {
  tokenId: string;
  /** When the token stops working (ISO-8601); null: never. */
  expiresAt: string | null;
}

/** The first event of a token's stream. */
export interface TokenIssued {
  tokenId: string;
  role: TokenRole;
  subject: string;
  issuedAt: string;
  /** Absent in tokens issued before expiry existed: they never expire. */
  expiresAt?: string | null;
}

/** A token revoked: it stops working at once, everywhere. */
export interface TokenRevoked {
  tokenId: string;
  revokedAt: string;
}

/** Every token stream's name starts with it (`token-<sha256 of the token>`). */
export const TOKEN_STREAM_PREFIX = 'token-';
const TOKEN_PREFIX = 'rct_';

/** Tokens are 256 random bits, so a plain SHA-256 is a safe way to store them: only the hash is kept. */
function tokenStream(token: string): string {
  return `${TOKEN_STREAM_PREFIX}${createHash('sha256').update(token).digest('hex')}`;
}

/**
 * Issues a bearer token. The token is stored only as the name of its own stream (its hash), with
 * the role, subject and expiry as the stream's first event; it is returned once and never again.
 */
export async function issueToken(
  store: EventStore,
  grant: { role: TokenRole; subject: string; expiresAt?: Date | null },
  deps: { newId: () => string; clock: () => Date },
): Promise<{ token: string; principal: Principal }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = grant.expiresAt ? grant.expiresAt.toISOString() : null;
  const issued: TokenIssued = { tokenId: deps.newId(), role: grant.role, subject: grant.subject, issuedAt: deps.clock().toISOString(), expiresAt };
  await store.appendToStream(tokenStream(token), [{ id: deps.newId(), type: 'TokenIssued', data: issued, metadata: {} }], {
    expectedRevision: NO_STREAM,
  });
  return { token, principal: { tokenId: issued.tokenId, id: issued.subject, role: issued.role, expiresAt } };
}

/** The principal of a token, or null when the token is malformed, unknown, revoked or expired at `now`. */
export async function authenticate(store: EventStore, token: string, now: Date = new Date()): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  // A token stream holds its issue and at most its revocation.
  const [issued, revoked] = await store.readStream(tokenStream(token), { maxCount: 2 });
  if (!issued || issued.type !== 'TokenIssued' || revoked) return null;
  const { tokenId, subject, role, expiresAt = null } = issued.data as TokenIssued;
  if (expiresAt !== null && Date.parse(expiresAt) <= now.getTime()) return null;
  return { tokenId, id: subject, role, expiresAt };
}

/** Revokes the token whose stream is `streamId` (from {@link listTokens}); revoking twice changes nothing. */
export async function revokeToken(store: EventStore, streamId: string, deps: { newId: () => string; clock: () => Date }): Promise<boolean> {
  const events = await store.readStream(streamId, { maxCount: 2 });
  const issued = events[0]?.data as TokenIssued | undefined;
  if (!issued || events[0].type !== 'TokenIssued') throw new Error(`${streamId} is not a token`);
  if (events.length > 1) return false;
  const revoked: TokenRevoked = { tokenId: issued.tokenId, revokedAt: deps.clock().toISOString() };
  try {
    // Revision 0: only the issue is there, so a revocation racing this one leaves one record.
    await store.appendToStream(streamId, [{ id: deps.newId(), type: 'TokenRevoked', data: revoked, metadata: {} }], { expectedRevision: 0n });
    return true;
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) return false;
    throw error;
  }
}
