import type { EventStore } from './event-store';
import type { Principal } from './tokens';

/** Usage is recorded at most this often per token and process: "last used" is accurate to it. */
export const TOKEN_USE_RESOLUTION_MS = 15 * 60_000;

/** Where a token's uses are recorded: its own stream, so authenticating reads no more than two events. */
export const TOKEN_USE_STREAM_PREFIX = 'tokenuse-';

/** A token was used (at most one record per {@link TOKEN_USE_RESOLUTION_MS}). */
export interface TokenUsed {
  tokenId: string;
  usedAt: string;
}

/**
 * Records that tokens are used, for `recourse token list`. Each process appends at most one
 * `TokenUsed` per token per resolution window, so a busy integration costs a few events a day.
 */
export class TokenUsageRecorder {
  private readonly lastRecorded = new Map<string, number>();

  constructor(private readonly deps: { store: EventStore; newId: () => string; clock: () => Date }) {}

  /** Records the use unless one was recorded recently; never fails the request that used the token. */
  async touch(principal: Principal): Promise<void> {
    const now = this.deps.clock();
    const last = this.lastRecorded.get(principal.tokenId);
    if (last !== undefined && now.getTime() - last < TOKEN_USE_RESOLUTION_MS) return;
    this.lastRecorded.set(principal.tokenId, now.getTime());
    const used: TokenUsed = { tokenId: principal.tokenId, usedAt: now.toISOString() };
    await this.deps.store.appendToStream(`${TOKEN_USE_STREAM_PREFIX}${principal.tokenId}`, [
      { id: this.deps.newId(), type: 'TokenUsed', data: used, metadata: {} },
    ]);
  }
}
