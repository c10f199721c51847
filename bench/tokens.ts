import { randomUUID } from 'node:crypto';
import { openSqliteEventStore } from '../infra/event-store/sqlite-event-store';
import { issueToken, type TokenRole } from '../services/tokens';

/** A token and the subject it speaks for. */
export interface BenchToken {
  token: string;
  subject: string;
}

/** Issues tokens straight into the event store file, as `recourse token create` does. */
export async function issueTokens(eventStorePath: string, role: TokenRole, subjects: readonly string[]): Promise<BenchToken[]> {
  const store = openSqliteEventStore({ path: eventStorePath });
  try {
    const tokens: BenchToken[] = [];
    for (const subject of subjects) {
      const { token } = await issueToken(store, { role, subject }, { newId: randomUUID, clock: () => new Date() });
      tokens.push({ token, subject });
    }
    return tokens;
  } finally {
    await store.close();
  }
}
