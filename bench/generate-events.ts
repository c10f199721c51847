import { createHash, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { openDatabase } from '../infra/event-store/sqlite-schema';
import { prepareStatements, type Statements } from '../infra/event-store/sqlite-rows';
import { toEventData } from '../services/claim-stream';
import { claimDecider, claimStreamName, type ClaimCommand, type ClaimState } from '../services/claims';
import { NO_STREAM, type CurrentRevision } from '../services/event-store';
import { claimScript, COMMANDS_PER_CLAIM, filingTimeOf } from './claim-scripts';
import { MinHeap } from './min-heap';

/** Events appended per transaction. */
const EVENTS_PER_TRANSACTION = 10_000;

/** A claim being generated: its script and its stream as appended so far. */
interface OpenClaim {
  n: number;
  streamId: string;
  commands: ClaimCommand[];
  state: ClaimState;
  revision: CurrentRevision;
  headHash: string | null;
}

/** A claim's next command and when it is sent. */
interface Pending {
  time: number;
  claim: OpenClaim;
  step: number;
}

/**
 * Makes (or reuses) a SQLite event store file holding `claims` claims × 10 events, made the way the
 * service makes them: each command decided by the claim decider on the claim's folded state, its
 * events given metadata and the hash chain by `toEventData`. Written straight into the store's
 * tables in large transactions (the service appends one command at a time, far too slowly for a
 * million events). A file with the expected number of events is reused; any other is replaced.
 * Resolves whether the file was generated now.
 */
export async function ensureEventFile(path: string, claims: number, onProgress?: (events: number) => void): Promise<boolean> {
  const expected = claims * COMMANDS_PER_CLAIM;
  if (existsSync(path) && eventCount(path) === expected) return false;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  const db = openDatabase({ path, busyTimeoutMs: 5_000 });
  try {
    // A benchmark fixture, not a record: no need to wait for the disk at every commit.
    db.pragma('synchronous = OFF');
    const statements = prepareStatements(db);
    let appended = 0;
    db.exec('BEGIN');
    for (const { claim, step } of inTimeOrder(claims)) {
      appendCommand(statements, claim, claim.commands[step]);
      if (++appended % EVENTS_PER_TRANSACTION === 0) {
        db.exec('COMMIT');
        onProgress?.(appended);
        db.exec('BEGIN');
      }
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  return true;
}

function eventCount(path: string): number {
  const db = openDatabase({ path, busyTimeoutMs: 5_000 });
  try {
    return Number((db.prepare('select count(*) as n from events').get() as { n: bigint }).n);
  } finally {
    db.close();
  }
}

function openClaim(n: number): OpenClaim {
  const { claimId, commands } = claimScript(n);
  return { n, streamId: claimStreamName(claimId), commands, state: claimDecider.initialState(), revision: NO_STREAM, headHash: null };
}

/**
 * Every claim's commands in the order they are sent, as a store would receive them: claims are filed
 * every five minutes and live for about two days, so some six hundred are open at any time and their
 * events interleave. Only the open claims are held in memory.
 */
function* inTimeOrder(claims: number): Generator<Pending> {
  const pending = new MinHeap<Pending>((a, b) => a.time < b.time || (a.time === b.time && a.claim.n < b.claim.n));
  let next = 0;
  while (next < claims || pending.size > 0) {
    if (next < claims && (pending.size === 0 || filingTimeOf(next) <= pending.peek()!.time)) {
      const claim = openClaim(next++);
      pending.push({ time: Date.parse(claim.commands[0].now), claim, step: 0 });
      continue;
    }
    const due = pending.pop()!;
    yield due;
    const step = due.step + 1;
    if (step < COMMANDS_PER_CLAIM) pending.push({ time: Date.parse(due.claim.commands[step].now), claim: due.claim, step });
  }
}

function appendCommand(statements: Statements, claim: OpenClaim, command: ClaimCommand): void {
  const events = claimDecider.decide(command, claim.state);
  const commandId = randomUUID();
  const causation = { commandId, correlationId: commandId, actor: command.actor, requestHash: requestHashOf(command) };
  const stream = { events: [], revision: claim.revision, headHash: claim.headHash };
  const toAppend = toEventData(claim.streamId, stream, events, causation, randomUUID);
  let revision = claim.revision === NO_STREAM ? -1n : claim.revision;
  const recordedAt = Date.parse(command.now);
  for (const event of toAppend) {
    revision += 1n;
    statements.insertEvent.run(claim.streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
  }
  statements.upsertStream.run(claim.streamId, revision);
  claim.state = events.reduce(claimDecider.evolve, claim.state);
  claim.revision = revision;
  claim.headHash = String(toAppend[toAppend.length - 1].metadata.hash);
}

function requestHashOf(command: ClaimCommand): string {
  return createHash('sha256').update(JSON.stringify(command.data)).digest('hex');
}
