import { foldBatch, ProjectionFailedError, sameRow } from '../../../infra/projections/fold-batch';
import type { AnyProjection } from '../../../projections/projection';
import type { RecordedEvent } from '../../../services/event-store';
import { claimSummaryProjection } from '../../../projections/claim-summary/claim-summary.projection';
import { claimEvents, claimIdOf, recordedStream } from '../../support/projection-fixtures';

interface Tally {
  id: string;
  count: number;
}

/** Counts events per stream; a ClaimWithdrawn deletes the row. */
const tally: AnyProjection = {
  ...claimSummaryProjection,
  keyOf: (event: RecordedEvent) => event.streamId,
  evolve: (row: Tally | null, event: RecordedEvent): Tally | null => {
    if (event.type === 'ClaimWithdrawn') return null;
    if (event.type === 'ClaimantFollowedUp') return row;
    return { id: event.streamId, count: (row?.count ?? 0) + 1 };
  },
};

const a = claimIdOf(1);
const b = claimIdOf(2);

describe('folding a batch', () => {
  it('folds several events of one row in memory and returns the row once', () => {
    const events = recordedStream(a, [claimEvents(a).filed(), claimEvents(a).assigned(), claimEvents(a).rejected()]);
    expect(foldBatch(tally, new Map(), events)).toEqual({ upserts: [{ id: events[0].streamId, count: 3 }], deletes: [] });
  });

  it('writes nothing for rows the batch leaves as they were', () => {
    const [followedUp] = recordedStream(a, [claimEvents(a).followedUp()]);
    const loaded = new Map([[followedUp.streamId, { id: followedUp.streamId, count: 4 }]]);
    expect(foldBatch(tally, loaded, [followedUp])).toEqual({ upserts: [], deletes: [] });
  });

  it('deletes loaded rows evolved to null, and ignores rows created and deleted within the batch', () => {
    const [withdrawnA] = recordedStream(a, [claimEvents(a).withdrawn()]);
    const onB = recordedStream(b, [claimEvents(b).filed(), claimEvents(b).withdrawn()]);
    const loaded = new Map([[withdrawnA.streamId, { id: withdrawnA.streamId, count: 2 }]]);
    expect(foldBatch(tally, loaded, [withdrawnA, ...onB])).toEqual({ upserts: [], deletes: [withdrawnA.streamId] });
  });

  it('reports which projection failed on which event instead of skipping it', () => {
    const failing: AnyProjection = { ...tally, evolve: () => { throw new TypeError('boom'); } };
    const events = recordedStream(a, [claimEvents(a).filed()], { firstPosition: 77n });
    expect(() => foldBatch(failing, new Map(), events)).toThrow(ProjectionFailedError);
    expect(() => foldBatch(failing, new Map(), events)).toThrow(/claim-summary failed on ClaimFiled at position 77: TypeError: boom/);
  });

  it('compares rows field by field', () => {
    expect(sameRow({ id: 'x', n: 1, s: null }, { s: null, n: 1, id: 'x' })).toBe(true);
    expect(sameRow({ id: 'x', n: 1 }, { id: 'x', n: 2 })).toBe(false);
    expect(sameRow({ id: 'x', n: null }, { id: 'x', n: undefined })).toBe(false);
    expect(sameRow({ id: 'x' }, { id: 'x', extra: 1 })).toBe(false);
  });
});
