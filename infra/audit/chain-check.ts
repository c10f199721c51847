import type { RecordedEvent } from '../../services/event-store';
import { eventHash } from '../../services/hash-chain';

/** A claim's head as an auditor recorded it earlier (from `audit verify --json`): it must still be in the chain. */
export interface ChainAnchor {
  revision: number;
  hash: string;
}

/** A check's findings, without its stream or anchor (see {@link ChainCheck.state}). */
export interface ChainCheckState {
  eventCount: number;
  nextRevision: number;
  headHash: string | null;
  broken: ChainBreak | null;
}

/** Where and why a stream's record disagrees with its chain. */
export interface ChainBreak {
  /** The first revision that cannot be trusted. */
  revision: number;
  reason: string;
}

/**
 * One stream's hash chain, checked one event at a time, so a whole store can be verified with a
 * few numbers per stream in memory. Applies the rules of `services/audit/verify-chain.ts` (a
 * contiguous revision, a `prevHash` linking to the previous event, a `hash` matching the content),
 * on events as stored: never upcast, since the hashes cover the stored form.
 */
export class ChainCheck {
  /** Events of the stream seen, those after a break included. */
  eventCount = 0;
  /** The revision the next event must have. */
  nextRevision = 0;
  /** The recomputed hash of the last event linked so far; null before the first. */
  headHash: string | null = null;
  broken: ChainBreak | null = null;

  constructor(
    readonly streamId: string,
    readonly claimId: string,
    private readonly anchor: ChainAnchor | null = null,
  ) {}

  get valid(): boolean {
    return this.broken === null;
  }

  /** The revision of the last event linked; -1 before the first. */
  get lastRevision(): number {
    return this.nextRevision - 1;
  }

  /** Checks the stream's next event (events must come in the stream's store order). */
  accept(event: RecordedEvent): void {
    // A copy: acceptStored clears the hash member of the metadata it is given.
    const metadata = isObject(event.metadata) ? { ...event.metadata } : event.metadata;
    this.acceptStored(Number(event.revision), event.id, event.type, event.data, metadata);
  }

  /**
   * The same check on the parts of a stored event, as a raw reader has them (see
   * `sqlite-claim-rows.ts`): its revision, id, type, and its parsed data and metadata. The metadata
   * must be this call's own (freshly parsed): its `hash` member is cleared in place, which hashes
   * the same as a copy without it (canonical JSON leaves undefined members out) and copies nothing.
   */
  acceptStored(revision: number, id: string, type: string, data: unknown, metadata: unknown): void {
    this.eventCount += 1;
    if (this.broken) return;
    const expected = this.nextRevision;
    if (revision !== expected) {
      const reason = `revision ${expected} is missing where expected (found revision ${revision}): an event was deleted or moved`;
      return this.fail(expected, reason);
    }
    if (!isObject(metadata)) return this.fail(expected, 'the metadata is not a JSON object');
    const { hash } = metadata;
    metadata.hash = undefined;
    if ((metadata.prevHash ?? null) !== this.headHash) return this.fail(expected, linkFailure(expected));
    const recomputed = eventHash(this.headHash, { id, streamId: this.streamId, revision, type, data, metadata });
    if (hash !== recomputed) return this.fail(expected, 'the event does not match its hash: its content was altered');
    if (this.anchor?.revision === expected && this.anchor.hash !== recomputed) {
      return this.fail(expected, `revision ${expected} differs from its anchored hash: the stream was rewritten at or before it`);
    }
    this.headHash = recomputed;
    this.nextRevision = expected + 1;
  }

  /** What a check found so far, as plain values: how a worker thread hands its checks back. */
  state(): ChainCheckState {
    const { eventCount, nextRevision, headHash, broken } = this;
    return { eventCount, nextRevision, headHash, broken };
  }

  /** Continues from a state another check (in a worker thread) reached. */
  restore(state: ChainCheckState): void {
    ({ eventCount: this.eventCount, nextRevision: this.nextRevision, headHash: this.headHash, broken: this.broken } = state);
  }

  /** Call once the stream has been read to its end: an anchored revision must have been reached. */
  finish(): void {
    if (this.broken || !this.anchor || this.lastRevision >= this.anchor.revision) return;
    const { revision } = this.anchor;
    this.fail(this.nextRevision, `the stream ends at revision ${this.lastRevision}, its anchor is at ${revision}: events were removed from its end`);
  }

  private fail(revision: number, reason: string): void {
    this.broken = { revision, reason };
  }
}

function linkFailure(revision: number): string {
  return revision === 0 ? 'prevHash of the first event is not empty' : `prevHash does not link to revision ${revision - 1}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
