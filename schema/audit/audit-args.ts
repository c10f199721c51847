import type { ReadStreamOptions } from '../../services/event-store';
import { badUserInput } from '../errors';

/**
 * Where `claimAsOf` looks: the latest revision (neither argument), a revision, or a time, which is
 * compared with the events' `recordedAt` (the store's own clock, set on append) rather than their
 * `occurredAt` (the command's time, given by the service that wrote them).
 */
export type AsOfPoint = { kind: 'latest' } | { kind: 'revision'; revision: number } | { kind: 'time'; at: Date };

/** `claimHistory`'s inclusive revision range as a stream read; BAD_USER_INPUT for a negative bound or from > to. */
export function historyRange(fromRevision: number | null, toRevision: number | null): ReadStreamOptions {
  nonNegative('fromRevision', fromRevision);
  nonNegative('toRevision', toRevision);
  const from = fromRevision ?? 0;
  if (toRevision === null) return { fromRevision: BigInt(from) };
  if (from > toRevision) throw badUserInput('fromRevision must not be greater than toRevision', { argument: 'fromRevision' });
  return { fromRevision: BigInt(from), maxCount: toRevision - from + 1 };
}

/** `claimAsOf`'s point; BAD_USER_INPUT for a negative revision, or for a revision and a time together. */
export function asOfPoint(revision: number | null, at: Date | null): AsOfPoint {
  if (revision !== null && at !== null) throw badUserInput('give either revision or at, not both', { argument: 'at' });
  nonNegative('revision', revision);
  if (revision !== null) return { kind: 'revision', revision };
  if (at !== null) return { kind: 'time', at };
  return { kind: 'latest' };
}

function nonNegative(argument: string, value: number | null): void {
  if (value !== null && value < 0) throw badUserInput(`${argument} must be 0 or more`, { argument });
}
