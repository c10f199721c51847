import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { openEventStore } from '../main';
import { listTokens, type TokenSummary } from '../../services/token-list';
import { issueToken, revokeToken, type TokenRole } from '../../services/tokens';

const DAY_MS = 86_400_000;
const deps = { newId: randomUUID, clock: () => new Date() };

/** Issues a token straight into the event store: the server need not run, nor have run before. */
export async function createToken(
  config: Config,
  logger: Logger,
  role: TokenRole,
  subject: string,
  expiresInDays: number = config.safety.tokenTtlDays,
): Promise<string> {
  const store = openEventStore(config);
  try {
    const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS);
    const { token, principal } = await issueToken(store, { role, subject, expiresAt }, deps);
    logger.info({ tokenId: principal.tokenId, role, subject, expiresAt }, 'token created');
    return token;
  } finally {
    await store.close();
  }
}

/** Every token issued, as `token list` prints it. */
export async function tokensOf(config: Config): Promise<TokenSummary[]> {
  const store = openEventStore(config);
  try {
    return await listTokens(store);
  } finally {
    await store.close();
  }
}

/**
 * Revokes a token by its id (from `token list`). A running server refuses it from the next
 * request on and closes its WebSocket connections. False when it was already revoked.
 */
export async function revokeTokenById(config: Config, logger: Logger, tokenId: string): Promise<boolean> {
  const store = openEventStore(config);
  try {
    const token = (await listTokens(store)).find((candidate) => candidate.tokenId === tokenId);
    if (!token) throw new UnknownTokenError(tokenId);
    const revoked = await revokeToken(store, token.streamId, deps);
    logger.info({ tokenId, revoked }, revoked ? 'token revoked' : 'token was already revoked');
    return revoked;
  } finally {
    await store.close();
  }
}

export class UnknownTokenError extends Error {
  override readonly name = 'UnknownTokenError';
  constructor(tokenId: string) {
    super(`no token has the id ${tokenId}: see recourse token list`);
  }
}

/** One line per token: id, role, subject, state, issued, expires, last used. */
export function formatTokens(tokens: readonly TokenSummary[], now: Date): string {
  const header = ['token id', 'role', 'subject', 'state', 'issued', 'expires', 'last used'];
  const rows = tokens.map((token) => [
    token.tokenId,
    token.role,
    token.subject,
    token.revokedAt ? 'revoked' : token.expiresAt && Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active',
    token.issuedAt,
    token.expiresAt ?? 'never',
    token.lastUsedAt ?? 'never',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
