import Database from 'better-sqlite3';
import { eventHash } from '../../services/hash-chain';

/**
 * Edits an event-store FILE behind the application's back, as someone with access to the disk
 * would: plain SQL on the `events` table (see infra/event-store/sqlite-schema.ts). The store must
 * be closed. Each function names the stream and revision it touches.
 */
export class Tamperer {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): Tamperer {
    return new Tamperer(new Database(file));
  }

  /** Opens the store file, makes the edits, and closes it again (also when an edit throws). */
  static edit(file: string, edit: (tamperer: Tamperer) => void): void {
    const tamperer = Tamperer.open(file);
    try {
      edit(tamperer);
    } finally {
      tamperer.close();
    }
  }

  close(): void {
    this.db.close();
  }

  /** Changes one character of the event's data JSON (inside a string value, so it still parses). */
  changeDataCharacter(streamId: string, revision: number): void {
    const { data } = this.row(streamId, revision);
    const at = firstValueCharacter(data);
    const changed = `${data.slice(0, at)}${data[at] === 'x' ? 'y' : 'x'}${data.slice(at + 1)}`;
    this.update(streamId, revision, 'data', changed);
  }

  /** Cuts the first character off the event's data, so that it is no longer JSON; answers the event's position. */
  breakDataJson(streamId: string, revision: number): number {
    this.update(streamId, revision, 'data', this.row(streamId, revision).data.slice(1));
    const { position } = this.db
      .prepare('SELECT position FROM events WHERE stream_id = ? AND revision = ?')
      .get(streamId, revision) as { position: number };
    return position;
  }

  /** Rewrites the event's metadata (e.g. claims another actor did it). */
  editMetadata(streamId: string, revision: number, edit: (metadata: Record<string, unknown>) => void): void {
    const metadata = JSON.parse(this.row(streamId, revision).metadata) as Record<string, unknown>;
    edit(metadata);
    this.update(streamId, revision, 'metadata', JSON.stringify(metadata));
  }

  deleteEvent(streamId: string, revision: number): void {
    this.db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(streamId, revision);
  }

  /** Deletes the stream's last event and lowers the `streams` table to match, as a careful forger would. */
  deleteLastEvent(streamId: string): void {
    const { last } = this.db.prepare('SELECT MAX(revision) AS last FROM events WHERE stream_id = ?').get(streamId) as { last: number };
    this.deleteEvent(streamId, last);
    this.db.prepare('UPDATE streams SET revision = ? WHERE stream_id = ?').run(last - 1, streamId);
  }

  /** Exchanges the revisions of two events (each row keeps its place in $all and its content). */
  swapRevisions(streamId: string, a: number, b: number): void {
    const move = this.db.prepare('UPDATE events SET revision = ? WHERE stream_id = ? AND revision = ?');
    this.db.transaction(() => {
      move.run(-1, streamId, a); // (stream_id, revision) is unique: park one first
      move.run(a, streamId, b);
      move.run(b, streamId, -1);
    })();
  }

  /** Exchanges the type, data and metadata of two events (ids, revisions and positions stay). */
  swapContents(streamId: string, a: number, b: number): void {
    const first = this.row(streamId, a);
    const second = this.row(streamId, b);
    const write = this.db.prepare('UPDATE events SET type = ?, data = ?, metadata = ? WHERE stream_id = ? AND revision = ?');
    this.db.transaction(() => {
      write.run(second.type, second.data, second.metadata, streamId, a);
      write.run(first.type, first.data, first.metadata, streamId, b);
    })();
  }

  /**
   * What a forger who knows the hash recipe does after changing an event: recomputes `prevHash`
   * and `hash` of every event from `fromRevision` on, so that the chain is whole again.
   */
  rehashFrom(streamId: string, fromRevision: number): void {
    const rows = this.db
      .prepare('SELECT revision, event_id, type, data, metadata FROM events WHERE stream_id = ? ORDER BY revision')
      .all(streamId) as Array<{ revision: number; event_id: string; type: string; data: string; metadata: string }>;
    let prevHash: string | null = null;
    for (const row of rows) {
      const { hash, ...rest } = JSON.parse(row.metadata) as Record<string, unknown>;
      if (row.revision < fromRevision) {
        prevHash = hash as string;
        continue;
      }
      const metadata = { ...rest, prevHash };
      const content = { id: row.event_id, streamId, revision: BigInt(row.revision), type: row.type, data: JSON.parse(row.data), metadata };
      prevHash = eventHash(prevHash, content);
      this.update(streamId, row.revision, 'metadata', JSON.stringify({ ...metadata, hash: prevHash }));
    }
  }

  private row(streamId: string, revision: number): { type: string; data: string; metadata: string } {
    const row = this.db
      .prepare('SELECT type, data, metadata FROM events WHERE stream_id = ? AND revision = ?')
      .get(streamId, revision) as { type: string; data: string; metadata: string } | undefined;
    if (!row) throw new Error(`no event ${streamId}@${revision}`);
    return row;
  }

  private update(streamId: string, revision: number, column: 'data' | 'metadata', value: string): void {
    this.db.prepare(`UPDATE events SET ${column} = ? WHERE stream_id = ? AND revision = ?`).run(value, streamId, revision);
  }
}

/** The index of the first letter or digit that starts a JSON string value (`"key":"v…`). */
function firstValueCharacter(json: string): number {
  for (let at = json.indexOf('":"'); at !== -1; at = json.indexOf('":"', at + 1)) {
    if (/[A-Za-z0-9]/.test(json[at + 3] ?? '')) return at + 3;
  }
  throw new Error(`no string value to change in ${json}`);
}
