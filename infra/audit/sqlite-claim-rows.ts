import Database from 'better-sqlite3';

/**
 * One `events` row as the audit needs it, straight from SQLite, in this column order: position,
 * stream id, revision, event id, type, and the data and metadata as stored (JSON text, unparsed).
 * An array, not an object: the reader makes a million of them.
 */
export type StoredRow = [position: number, streamId: string, revision: number, id: string, type: string, data: string, metadata: string];

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata';

/** Which rows one reader takes: part `index` of `count` parts, by the stream id's character after `claim-`. */
export interface Partition {
  index: number;
  count: number;
}

/** The whole store as one part (no partition test in the SQL). Of several parts, every row is in exactly one, and a claim's stream (hence its chain) is never split. */
export const WHOLE_STORE: Partition = { index: 0, count: 1 };

/**
 * Reads the events table of a SQLite event store directly, read-only, without the event store's
 * adapter: no `RecordedEvent`, no bigints, no Date, and nothing parsed, for the audit only (the
 * adapter stays the store's one writer and the application's one reader). The rows are as stored:
 * never upcast, as the hashes require.
 */
export class SqliteClaimRows {
  private readonly db: Database.Database;
  private readonly partBatch: Database.Statement<[number, number, number, number, number], StoredRow>;
  private readonly wholeBatch: Database.Statement<[number, number, number], StoredRow>;
  private readonly before: Database.Statement<[number], { position: number }>;

  constructor(path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    // The partition is decided in SQL: rows of the other parts never become JavaScript strings.
    // The 7th character of `claim-<uuid>` is the uuid's first, a hex digit: 8 of 16 fall in each of two parts.
    this.partBatch = this.db
      .prepare<[number, number, number, number, number], StoredRow>(
        `SELECT ${COLUMNS} FROM events
         WHERE position > ? AND position <= ? AND coalesce(unicode(substr(stream_id, 7, 1)), 0) % ? = ?
         ORDER BY position LIMIT ?`,
      )
      .raw(true);
    // The whole store without the partition's test: about a tenth cheaper a row.
    this.wholeBatch = this.db
      .prepare<[number, number, number], StoredRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`)
      .raw(true);
    this.before = this.db.prepare('SELECT coalesce(max(position), 0) AS position FROM events WHERE position < ?');
  }

  /** The rows of `part` after `after` and up to `upTo`, in `$all` order, `batchSize` at a time. */
  *batches(part: Partition, upTo: number, batchSize: number, after = 0): Generator<StoredRow[]> {
    for (;;) {
      const rows =
        part.count === 1 ? this.wholeBatch.all(after, upTo, batchSize) : this.partBatch.all(after, upTo, part.count, part.index, batchSize);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1][0];
    }
  }

  /** The position of the row before `position` (of any stream): the last one before a damaged row. */
  positionBefore(position: number): number {
    return this.before.get(position)?.position ?? 0;
  }

  close(): void {
    this.db.close();
  }
}

/** The part a claim belongs to, as the SQL above decides it: for handing each part its anchors. */
export function partOfClaim(claimId: string, count: number): number {
  return (claimId.codePointAt(0) ?? 0) % count;
}
