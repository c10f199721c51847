import type { AppendResult, EventData, ExpectedRevision } from '../../services/event-store';
import { recordedEvents, serialiseEvents, type QueuedAppend, type WrittenAppend } from './sqlite-append';
import { decodeError, type EncodedOutcome, type GroupReply } from './sqlite-commit-protocol';
import type { CommitThread } from './sqlite-commit-thread';

/** One append waiting for its group's commit. */
interface PendingAppend extends QueuedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** The most appends one transaction takes; more wait for the next one (keeps each commit short). */
const MAX_GROUP = 1_000;

/**
 * Group commit, pipelined with a commit thread. Appends are queued here, on the serving thread;
 * a group is handed to the {@link CommitThread}, which writes it in one `BEGIN IMMEDIATE`
 * transaction, so one fsync (`synchronous=FULL`) makes all of it durable — on that thread: the
 * fsync no longer blocks this event loop, which serves requests meanwhile. At most one group is in
 * flight. When idle, the appends of one turn of the event loop form a group; while a group
 * commits, the appends arriving meanwhile wait and go together as the next group as soon as it is
 * answered — so the busier the store, the larger the groups and the fewer the fsyncs.
 *
 * Nothing is acknowledged before its group has committed. Each append runs alone in the
 * transaction (a savepoint, see `createGroupWriter`): a conflict or any other failure rejects that
 * append only, with the error the store always threw; if the transaction fails, or the thread
 * dies, every append of the group rejects and none is acknowledged. The answers (positions, the
 * events as recorded) are built here from the serialised events and the positions written.
 */
export class GroupCommit {
  /** Transactions committed and appends they held (acknowledged or refused), since opening. */
  readonly stats = { commits: 0, appends: 0 };
  private pending: PendingAppend[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly thread: CommitThread,
    /** Called after each commit that stored at least one event, once its appends are acknowledged. */
    private readonly committed: () => void,
  ) {}

  /** Queues an append for the next group; resolves once its group has committed. */
  append(streamId: string, events: EventData[], expected: ExpectedRevision): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      const serialised = serialiseEvents(streamId, events);
      if (this.closed) throw new Error('the event store is closed');
      this.pending.push({ streamId, events: serialised, expected, resolve, reject });
      if (this.scheduled || this.inFlight !== null) return;
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.sendNext();
      });
    });
  }

  /**
   * Refuses further appends, commits those already queued, waits for the last group's answer and
   * stops the thread. Every append made before is acknowledged or rejected by then. Safe to call twice.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.sendNext();
    while (this.inFlight !== null) await this.inFlight;
    await this.thread.stop();
  }

  private sendNext(): void {
    if (this.inFlight !== null || this.pending.length === 0) return;
    const group = this.pending.splice(0, MAX_GROUP);
    this.inFlight = this.commit(group).finally(() => {
      this.inFlight = null;
      this.sendNext();
    });
  }

  /** Rejects only if a commit listener throws: what becomes of the group is told to each of its appends. */
  private async commit(group: PendingAppend[]): Promise<void> {
    const now = Date.now();
    let reply: GroupReply;
    try {
      reply = await this.thread.commit({ appends: group.map(({ streamId, events, expected }) => ({ streamId, events, expected })), now });
    } catch (error) {
      for (const append of group) append.reject(error);
      return;
    }
    if ('failed' in reply) {
      const error = decodeError(reply.failed);
      for (const append of group) append.reject(error);
      return;
    }
    const { outcomes } = reply;
    this.stats.commits += 1;
    this.stats.appends += group.length;
    group.forEach((append, i) => settle(append, outcomes[i], now));
    if (outcomes.some((outcome) => 'written' in outcome)) this.committed();
  }
}

function settle(append: PendingAppend, outcome: EncodedOutcome, now: number): void {
  if ('refused' in outcome) append.reject(decodeError(outcome.refused));
  else append.resolve(answer(append, outcome.written, now));
}

/** The port's answer to one committed append, with its events as recorded (saves the caller reading them back). */
function answer(append: PendingAppend, written: WrittenAppend, now: number): AppendResult {
  const { nextExpectedRevision, position } = written;
  return { nextExpectedRevision, position, events: recordedEvents(append.streamId, append.events, written, now) };
}
