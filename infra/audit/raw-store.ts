import { existsSync } from 'node:fs';
import type { EventStore } from '../../services/event-store';
import { openEventStore } from '../backends';
import type { Config } from '../config';
import { AuditInputError } from './audit-errors';

/**
 * The audit's one way into the event store: the plain adapter, events exactly as stored. The
 * hashes cover the stored form, so this must never become a store that upcasts (or otherwise
 * rewrites) events on read, even when the rest of the application reads through one. (A whole
 * SQLite store is verified faster from its rows, read-only: `sqlite-claim-rows.ts`, the same stored form.)
 */
export function openRawEventStore(config: Config): EventStore {
  // Opening creates a missing SQLite file: a mistyped DATA_DIR would then "verify" an empty store.
  if (config.eventStore === 'sqlite' && !existsSync(config.eventStorePath)) {
    throw new AuditInputError(`no event store at ${config.eventStorePath} (set DATA_DIR or EVENT_STORE_PATH)`);
  }
  return openEventStore(config);
}
