import Database from 'better-sqlite3';

/** Bumped when the tables change; a file with a newer version is refused. */
const SCHEMA_VERSION = 1n;

/**
 * `events` is the log: `position` is the global order (AUTOINCREMENT, so a position is never
 * reused, even after the last event's transaction rolled back), and (stream_id, revision) is
 * unique, so two writers can never both own a revision. `streams` holds each stream's last
 * revision: the expected-revision check is one primary-key lookup.
 */
const SCHEMA_SQL = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE TABLE IF NOT EXISTS streams (
    stream_id TEXT    PRIMARY KEY,
    revision  INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

/** How the file is opened. */
export interface SqliteFileOptions {
  path: string;
  /** How long a write waits for another connection's (or process's) write lock, in ms. */
  busyTimeoutMs: number;
}

/**
 * Opens (creating if needed) the event-store file in WAL mode with `synchronous=FULL`, so an
 * append is on disk once acknowledged, and integers read back as bigint.
 */
export function openDatabase(options: SqliteFileOptions): Database.Database {
  const db = connectDatabase(options);
  try {
    createSchema(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * A further connection to an event-store file that exists (the commit thread's): the same
 * pragmas as {@link openDatabase}, without creating anything.
 */
export function connectExistingDatabase(options: SqliteFileOptions): Database.Database {
  return connectDatabase(options, true);
}

function connectDatabase({ path, busyTimeoutMs }: SqliteFileOptions, fileMustExist = false): Database.Database {
  const db = new Database(path, { timeout: busyTimeoutMs, fileMustExist });
  try {
    db.defaultSafeIntegers(true);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Several processes may open a new file at once: the write lock makes creation happen once. */
function createSchema(db: Database.Database): void {
  db.transaction(() => {
    const version = BigInt(db.pragma('user_version', { simple: true }) as number | bigint);
    if (version > SCHEMA_VERSION) {
      throw new Error(`event store schema version ${version} is newer than this code (${SCHEMA_VERSION})`);
    }
    db.exec(SCHEMA_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
