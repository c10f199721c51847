import type { WebSocket } from 'ws';
import type { Principal } from '../../services/tokens';

/** Longest timer Node keeps (about 24.8 days); a later expiry is caught when the next operation checks the token. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The open WebSocket connections of each token, so that a revoked token's connections close at
 * once and an expiring token's when it expires, without waiting for their next operation.
 */
export class ConnectionsByToken {
  private readonly sockets = new Map<string, Map<WebSocket, NodeJS.Timeout | null>>();

  constructor(
    private readonly closeCode: number,
    private readonly reason: string,
  ) {}

  add(principal: Principal, socket: WebSocket): void {
    const own = this.sockets.get(principal.tokenId) ?? new Map<WebSocket, NodeJS.Timeout | null>();
    this.sockets.set(principal.tokenId, own);
    const ms = principal.expiresAt === null ? null : Date.parse(principal.expiresAt) - Date.now();
    const timer = ms !== null && ms < MAX_TIMER_MS ? setTimeout(() => socket.close(this.closeCode, this.reason), Math.max(0, ms)) : null;
    own.set(socket, timer);
  }

  remove(principal: Principal | undefined, socket: WebSocket): void {
    if (!principal) return;
    const own = this.sockets.get(principal.tokenId);
    const timer = own?.get(socket);
    if (timer) clearTimeout(timer);
    own?.delete(socket);
    if (own?.size === 0) this.sockets.delete(principal.tokenId);
  }

  /** Closes every connection of `tokenId`; each is forgotten as it closes (remove). */
  closeToken(tokenId: string): void {
    for (const socket of this.sockets.get(tokenId)?.keys() ?? []) socket.close(this.closeCode, this.reason);
  }
}
