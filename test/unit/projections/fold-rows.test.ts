import { claimEvidenceProjection } from '../../../projections/claim-evidence/claim-evidence.projection';
import { claimSummaryProjection } from '../../../projections/claim-summary/claim-summary.projection';
import { foldRows, ProjectionFailedError, replayRows } from '../../../projections/fold-rows';
import type { AnyProjection } from '../../../projections/projection';
import { claimEvents, claimIdOf, recordedStream } from '../../support/projection-fixtures';

const claimId = claimIdOf(7);
const e = claimEvents(claimId);
const events = recordedStream(claimId, [
  e.filed(),
  e.evidenceAdded({ evidenceId: 'ev-1' }),
  e.assigned(),
  e.evidenceAdded({ evidenceId: 'ev-2', kind: 'PAYMENT_RECORD' }),
]);

describe('replaying a projection in memory', () => {
  it('gives the rows the projection would hold after exactly those events', () => {
    const [summary] = replayRows(claimSummaryProjection, events);
    expect(summary).toMatchObject({ id: claimId, status: 'UNDER_REVIEW', revision: 3, assignedTo: 'agent-zhao-lei' });
    expect(replayRows(claimSummaryProjection, events.slice(0, 2))).toEqual([expect.objectContaining({ status: 'FILED', revision: 1 })]);
  });

  it('keeps the rows in the order they were first made, and only the event types the projection handles', () => {
    const evidence = replayRows(claimEvidenceProjection, events);
    expect(evidence.map((row) => [row.id, row.revision])).toEqual([['ev-1', 1], ['ev-2', 3]]);
    const counting: AnyProjection = {
      ...claimEvidenceProjection,
      keyOf: () => 'all',
      evolve: (row: { n: number } | null) => ({ id: 'all', n: (row?.n ?? 0) + 1 }),
    };
    expect(replayRows(counting, events)).toEqual([{ id: 'all', n: 2 }]);
  });

  it('leaves out rows the events deleted', () => {
    const deleting: AnyProjection = { ...claimSummaryProjection, evolve: () => null };
    expect(replayRows(deleting, events)).toEqual([]);
    expect(foldRows(deleting, new Map([[claimId, { id: claimId }]]), events).get(claimId)).toBeNull();
  });

  it('names the projection and the event it failed on', () => {
    const failing: AnyProjection = { ...claimSummaryProjection, evolve: () => { throw new TypeError('boom'); } };
    expect(() => replayRows(failing, events)).toThrow(ProjectionFailedError);
  });
});
