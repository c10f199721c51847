import type Database from 'better-sqlite3';
import type { EventMetadata, RecordedEvent } from '../../services/event-store';

/** An `events` row as better-sqlite3 returns it with safe integers on. */
export interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: bigint;
}

/** The columns every event read selects, in `EventRow`'s shape. */
export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: new Date(Number(row.recorded_at)),
  };
}

/** The statements an append runs: only the commit thread's connection prepares them (see `sqlite-commit-worker.ts`). */
export interface WriteStatements {
  streamRevision: Database.Statement<[string], { revision: bigint }>;
  insertEvent: Database.Statement<[string, bigint, string, string, string, string, number]>;
  upsertStream: Database.Statement<[string, bigint]>;
}

/** The statements the store's reads run, on the connection of the thread that serves requests. */
export interface ReadStatements {
  readStream: Database.Statement<[string, bigint, number], EventRow>;
  readAll: Database.Statement<[bigint, number], EventRow>;
  headPosition: Database.Statement<[], { head: bigint }>;
}

/** Every statement of the store, for a connection that both reads and writes (e.g. a benchmark's generator). */
export type Statements = WriteStatements & ReadStatements;

export function prepareStatements(db: Database.Database): Statements {
  return { ...prepareWriteStatements(db), ...prepareReadStatements(db) };
}

export function prepareWriteStatements(db: Database.Database): WriteStatements {
  return {
    streamRevision: db.prepare('SELECT revision FROM streams WHERE stream_id = ?'),
    insertEvent: db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertStream: db.prepare(
      `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
    ),
  };
}

export function prepareReadStatements(db: Database.Database): ReadStatements {
  return {
    // LIMIT -1 means no limit in SQLite.
    readStream: db.prepare(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readAll: db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
    headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events'),
  };
}
