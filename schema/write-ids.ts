import { randomUUID } from 'node:crypto';
import { commandIdForKey } from '../services/idempotency';
import type { Principal } from '../services/tokens';
import type { Context } from './context';

/** The command id of a request: from the caller's idempotency key when given, else fresh. */
export function requestIds(ctx: Context, principal: Principal, idempotencyKey: string | null | undefined) {
  const commandId = idempotencyKey ? commandIdForKey(principal.id, idempotencyKey) : randomUUID();
  return { commandId, correlationId: ctx.requestId };
}

/** Waits (at most the configured time) until the read models show the append at `position`. */
export async function readYourWrites(ctx: Context, position: bigint): Promise<void> {
  await ctx.read.waitForPosition(position, ctx.projectionWaitMs);
}
