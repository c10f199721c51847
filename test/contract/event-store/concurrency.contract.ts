import { NO_STREAM, WrongExpectedVersionError, type CurrentRevision, type EventStore } from '../../../services/event-store';
import { anEvent, newStreamName, type ContractContext } from './helpers';

const WRITERS = 8;
const APPENDS_PER_WRITER = 300;
/** A writer that loses this often in a row is starved: fail rather than spin until the timeout. */
const MAX_ATTEMPTS_PER_WRITER = APPENDS_PER_WRITER * 200;

/** What one writer saw. */
interface WriterLog {
  acknowledged: string[];
  refused: string[];
  /** Failures other than a WrongExpectedVersionError whose actual revision is newer than expected. */
  unexpected: unknown[];
}

/**
 * One writer of the optimistic-concurrency loop: learn the stream's last revision (reading
 * forwards from the last one it knew), append one event expecting it, and on a conflict try again.
 */
async function runWriter(store: EventStore, stream: string, writer: number): Promise<WriterLog> {
  const log: WriterLog = { acknowledged: [], refused: [], unexpected: [] };
  let known: CurrentRevision = NO_STREAM;
  for (let attempt = 0; log.acknowledged.length < APPENDS_PER_WRITER && attempt < MAX_ATTEMPTS_PER_WRITER; attempt += 1) {
    const newer = await store.readStream(stream, { fromRevision: known === NO_STREAM ? 0n : known + 1n });
    if (newer.length > 0) known = newer[newer.length - 1].revision;
    const event = anEvent('Contended', { writer, attempt });
    try {
      await store.appendToStream(stream, [event], { expectedRevision: known });
      log.acknowledged.push(event.id);
    } catch (error) {
      log.refused.push(event.id);
      if (!isNewerConflict(error, known)) log.unexpected.push(error);
    }
  }
  return log;
}

function isNewerConflict(error: unknown, expected: CurrentRevision): boolean {
  if (!(error instanceof WrongExpectedVersionError) || error.actual === NO_STREAM) return false;
  return expected === NO_STREAM || error.actual > expected;
}

/** Several writers racing on one stream with expected revisions. */
export function describeConcurrencyContract(context: ContractContext): void {
  describe('concurrent writers on one stream', () => {
    it(`${WRITERS} writers x ${APPENDS_PER_WRITER} appends leave exactly the acknowledged events, contiguous`, async () => {
      const stream = newStreamName();
      const stores = await Promise.all(Array.from({ length: WRITERS }, () => context.open()));
      const logs = await Promise.all(stores.map((store, writer) => runWriter(store, stream, writer))).finally(() =>
        Promise.all(stores.map((store) => store.close())),
      );

      const recorded = await context.store().readStream(stream);
      const acknowledged = logs.flatMap((log) => log.acknowledged);
      const refused = new Set(logs.flatMap((log) => log.refused));

      expect(logs.flatMap((log) => log.unexpected)).toEqual([]);
      expect(logs.map((log) => log.acknowledged.length)).toEqual(logs.map(() => APPENDS_PER_WRITER));
      expect(recorded).toHaveLength(WRITERS * APPENDS_PER_WRITER);
      expect(recorded.map((event) => event.revision)).toEqual(recorded.map((_, n) => BigInt(n)));
      const recordedIds = new Set(recorded.map((event) => event.id));
      expect(recordedIds.size).toBe(recorded.length);
      expect(recordedIds).toEqual(new Set(acknowledged));
      expect(recorded.filter((event) => refused.has(event.id))).toEqual([]);
    }, 120_000);
  });
}
