import type Database from 'better-sqlite3';
import type { AppendResult, EventData, ExpectedRevision } from '../../services/event-store';
import { createStreamWriter, recordedEvents, serialiseEvents, type SerialisedEvent, type StreamWriter, type WrittenAppend } from './sqlite-append';
import type { Statements } from './sqlite-rows';

/** One append waiting for the next group's commit. */
interface PendingAppend {
  streamId: string;
  events: SerialisedEvent[];
  expected: ExpectedRevision;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** The most appends one transaction takes; more wait for the next one (keeps each commit short). */
const MAX_GROUP = 1_000;

/**
 * Group commit: the appends made during one turn of the event loop share one `BEGIN IMMEDIATE`
 * transaction, so one fsync (`synchronous=FULL`) makes all of them durable. Each append still runs
 * alone inside it, in a savepoint: it reads its stream's revision under the write lock (seeing the
 * appends before it in the group), and a conflict or any other failure undoes that append only and
 * rejects it alone. Nothing is acknowledged before the commit; if the commit fails, every append
 * of the group rejects and none is stored.
 */
export class GroupCommit {
  /** Transactions committed and appends they held (acknowledged or refused), since opening. */
  readonly stats = { commits: 0, appends: 0 };
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private readonly writeOne: StreamWriter;
  private readonly writeGroup: Database.Transaction<(group: PendingAppend[], now: number) => Array<WrittenAppend | { error: unknown }>>;

  constructor(
    private readonly db: Database.Database,
    statements: Statements,
    /** Called after each commit that stored at least one event. */
    private readonly committed: () => void,
  ) {
    this.writeOne = createStreamWriter(db, statements);
    this.writeGroup = db.transaction((group: PendingAppend[], now: number) =>
      group.map((append) => {
        try {
          return this.writeOne(append.streamId, append.events, append.expected, now);
        } catch (error) {
          return { error };
        }
      }),
    );
  }

  /** Queues an append for this turn's group; resolves once its group has committed. */
  append(streamId: string, events: EventData[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events: serialiseEvents(streamId, events), expected, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued append now (also what `close()` calls before closing the connection). */
  flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, MAX_GROUP);
      this.commit(group);
    }
  }

  private commit(group: PendingAppend[]): void {
    let outcomes: Array<WrittenAppend | { error: unknown }>;
    const now = Date.now();
    try {
      if (!this.db.open) throw new Error('the event store is closed');
      outcomes = this.writeGroup.immediate(group, now);
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    this.stats.commits += 1;
    this.stats.appends += group.length;
    group.forEach((append, i) => {
      const outcome = outcomes[i];
      if ('error' in outcome) append.reject(outcome.error);
      else append.resolve(answer(append, outcome, now));
    });
    if (outcomes.some((outcome) => !('error' in outcome))) this.committed();
  }
}

/** The port's answer to one committed append, with its events as recorded (saves the caller reading them back). */
function answer(append: PendingAppend, written: WrittenAppend, now: number): AppendResult {
  const { nextExpectedRevision, position } = written;
  return { nextExpectedRevision, position, events: recordedEvents(append.streamId, append.events, written, now) };
}
