/**
 * A child process for the SQLite crash test: appends batches of 1-3 events to random streams
 * of one store file, forever, with exact expected revisions, and prints one JSON line per batch
 * to stdout once its append has returned (an acknowledgement). The test kills it with SIGKILL.
 *
 * Usage: node -r test/support/sqlite-ts-register.js test/support/sqlite-writer-child.ts <file> <stream>...
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { NO_STREAM, type CurrentRevision, type EventData } from '../../services/event-store';
import { openSqliteEventStore, type SqliteEventStore } from '../../infra/event-store/sqlite-event-store';

/** One acknowledged append, as printed. */
export interface AcknowledgedBatch {
  batchId: string;
  streamId: string;
  eventIds: string[];
  /** The revision of the batch's last event, as a decimal string. */
  lastRevision: string;
}

async function lastRevisionOf(store: SqliteEventStore, streamId: string): Promise<CurrentRevision> {
  const events = await store.readStream(streamId);
  return events.length === 0 ? NO_STREAM : events[events.length - 1].revision;
}

function batchOf(batchId: string, size: number): EventData[] {
  return Array.from({ length: size }, (_, n) => ({
    id: randomUUID(),
    type: 'CrashTestAppended',
    data: { n, note: '掉线后自动补上 ⏱️' },
    metadata: { batchId, batchSize: size },
  }));
}

async function main(path: string, streamIds: string[]): Promise<never> {
  const store = openSqliteEventStore({ path });
  const revisions = new Map<string, CurrentRevision>();
  for (const streamId of streamIds) revisions.set(streamId, await lastRevisionOf(store, streamId));
  for (;;) {
    const streamId = streamIds[Math.floor(Math.random() * streamIds.length)];
    const batchId = randomUUID();
    const events = batchOf(batchId, 1 + Math.floor(Math.random() * 3));
    const result = await store.appendToStream(streamId, events, { expectedRevision: revisions.get(streamId) });
    revisions.set(streamId, result.nextExpectedRevision);
    const line: AcknowledgedBatch = {
      batchId,
      streamId,
      eventIds: events.map((event) => event.id),
      lastRevision: String(result.nextExpectedRevision),
    };
    // A synchronous write: once it returns, the acknowledgement has left this process.
    writeSync(1, `${JSON.stringify(line)}\n`);
  }
}

const [path, ...streamIds] = process.argv.slice(2);
if (path === undefined || streamIds.length === 0) {
  process.stderr.write('usage: sqlite-writer-child <file> <stream>...\n');
  process.exit(2);
}
main(path, streamIds).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
