import type { EventStore, RecordedEvent } from './event-store';
import { TOKEN_USE_STREAM_PREFIX, type TokenUsed } from './token-usage';
import { TOKEN_STREAM_PREFIX, type TokenIssued, type TokenRevoked, type TokenRole } from './tokens';

/** What `recourse token list` shows of a token (never the token itself: only its hash is stored). */
export interface TokenSummary {
  tokenId: string;
  /** The token's stream (`token-<sha256>`), which revoking appends to. */
  streamId: string;
  role: TokenRole;
  subject: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Accurate to the usage resolution (15 minutes); null: never used. */
  lastUsedAt: string | null;
}

const BATCH = 5000;

/**
 * Every token ever issued, in issue order, from one pass over `$all` (the port has no filtered
 * read that ends; a CLI command can afford the pass: about a second per million events).
 */
export async function listTokens(store: EventStore): Promise<TokenSummary[]> {
  const tokens = new Map<string, TokenSummary>();
  let after: bigint | 'start' = 'start';
  for (;;) {
    const events = await store.readAll({ after, maxCount: BATCH });
    for (const event of events) {
      if (event.streamId.startsWith(TOKEN_STREAM_PREFIX) || event.streamId.startsWith(TOKEN_USE_STREAM_PREFIX)) apply(tokens, event);
    }
    if (events.length < BATCH) return [...tokens.values()];
    after = events[events.length - 1].position;
  }
}

function apply(tokens: Map<string, TokenSummary>, event: RecordedEvent): void {
  if (event.type === 'TokenIssued') {
    const issued = event.data as TokenIssued;
    tokens.set(issued.tokenId, {
      tokenId: issued.tokenId,
      streamId: event.streamId,
      role: issued.role,
      subject: issued.subject,
      issuedAt: issued.issuedAt,
      expiresAt: issued.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
    });
    return;
  }
  const token = tokens.get((event.data as { tokenId?: string }).tokenId ?? '');
  if (!token) return;
  if (event.type === 'TokenRevoked') token.revokedAt = (event.data as TokenRevoked).revokedAt;
  if (event.type === 'TokenUsed') token.lastUsedAt = (event.data as TokenUsed).usedAt;
}
