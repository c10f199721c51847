import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from './claims';
import { NO_STREAM, type EventStore } from './event-store';

/** Roles a token can carry; `system` is reserved for the policies Recourse runs itself. */
export const TOKEN_ROLES = ['claimant', 'agent', 'supervisor', 'auditor', 'integration'] as const satisfies readonly Role[];
export type TokenRole = (typeof TOKEN_ROLES)[number];

export function isTokenRole(value: string): value is TokenRole {
  return (TOKEN_ROLES as readonly string[]).includes(value);
}

/** Who a valid token speaks for. */
export interface Principal extends Actor {
  tokenId: string;
}

interface TokenIssued {
  tokenId: string;
  role: TokenRole;
  subject: string;
  issuedAt: string;
}

const TOKEN_PREFIX = 'rct_';

/** Tokens are 256 random bits, so a plain SHA-256 is a safe way to store them: only the hash is kept. */
function tokenStream(token: string): string {
  return `token-${createHash('sha256').update(token).digest('hex')}`;
}

/**
 * Issues a bearer token. The token is stored only as the name of its own stream (its hash), with
 * the role and subject as the stream's first event; it is returned once and never again.
 */
export async function issueToken(
  store: EventStore,
  grant: { role: TokenRole; subject: string },
  deps: { newId: () => string; clock: () => Date },
): Promise<{ token: string; principal: Principal }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const issued: TokenIssued = { tokenId: deps.newId(), ...grant, issuedAt: deps.clock().toISOString() };
  await store.appendToStream(tokenStream(token), [{ id: deps.newId(), type: 'TokenIssued', data: issued, metadata: {} }], {
    expectedRevision: NO_STREAM,
  });
  return { token, principal: { tokenId: issued.tokenId, id: issued.subject, role: issued.role } };
}

/** The principal of a token, or null when the token is unknown or malformed. */
export async function authenticate(store: EventStore, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const [issued] = await store.readStream(tokenStream(token), { maxCount: 1 });
  if (!issued || issued.type !== 'TokenIssued') return null;
  const { tokenId, subject, role } = issued.data as TokenIssued;
  return { tokenId, id: subject, role };
}

/** How many valid tokens a {@link cachedAuthenticator} remembers; the oldest is forgotten first. */
const REMEMBERED_TOKENS = 10_000;

/**
 * `authenticate` that remembers the principal of each valid token, so a request costs no read of
 * the event store: a token's grant is its stream's first event and never changes (there is no
 * revocation; one would have to clear this). Unknown tokens are asked about every time, since
 * another process may issue them at any moment.
 */
export function cachedAuthenticator(store: EventStore): (token: string) => Promise<Principal | null> {
  const known = new Map<string, Principal>();
  return async (token) => {
    const remembered = known.get(token);
    if (remembered) return remembered;
    const principal = await authenticate(store, token);
    if (principal) {
      if (known.size >= REMEMBERED_TOKENS) known.delete(known.keys().next().value as string);
      known.set(token, principal);
    }
    return principal;
  };
}
