import { join } from 'node:path';
import { openSqliteEventStore } from '../../infra/event-store/sqlite-event-store';
import type { EventStore } from '../../services/event-store';
import { MemoryEventStore } from './projection-memory-store';

/** The event stores the read side is tested against: the in-memory one, and the real SQLite adapter. */
export const projectionStoreKinds: ReadonlyArray<readonly [string, (dir: string) => EventStore]> = [
  ['the in-memory store', () => new MemoryEventStore()],
  ['the SQLite store', (dir) => openSqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 })],
];
