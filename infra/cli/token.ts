import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { openEventStore } from '../main';
import { issueToken, type TokenRole } from '../../services/tokens';

/** Issues a token straight into the event store: the server need not run, nor have run before. */
export async function createToken(config: Config, logger: Logger, role: TokenRole, subject: string): Promise<string> {
  const store = openEventStore(config);
  try {
    const { token, principal } = await issueToken(store, { role, subject }, { newId: randomUUID, clock: () => new Date() });
    logger.info({ tokenId: principal.tokenId, role, subject }, 'token created');
    return token;
  } finally {
    await store.close();
  }
}
