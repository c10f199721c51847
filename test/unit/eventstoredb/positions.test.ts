import { START } from '@eventstore/db-client';
import { isAfter, positionOf, toReadPosition } from '../../../infra/event-store/eventstoredb/mapping/positions';
import { fromServer } from './server-events';

describe('global positions on EventStoreDB', () => {
  it('reads $all from the start for start and for 0n, the port’s “before everything”', () => {
    expect(toReadPosition('start')).toBe(START);
    expect(toReadPosition(0n)).toBe(START);
  });

  it('reads $all from a position with commit and prepare both set to it', () => {
    expect(toReadPosition(1_234_567n)).toEqual({ commit: 1_234_567n, prepare: 1_234_567n });
    expect(toReadPosition(2n ** 60n)).toEqual({ commit: 2n ** 60n, prepare: 2n ** 60n });
  });

  it('treats `after` as exclusive', () => {
    expect(isAfter(101n, 100n)).toBe(true);
    expect(isAfter(100n, 100n)).toBe(false);
    expect(isAfter(99n, 100n)).toBe(false);
  });

  it('takes an event’s position from its commit position in $all', () => {
    expect(positionOf(fromServer({ streamId: 'claim-1', revision: 0n, position: 4_242n }))).toBe(4_242n);
  });

  it('takes the position from the event itself on a stream read (servers from 22.6)', () => {
    const read = fromServer({ streamId: 'claim-1', revision: 3n, position: 777n, allPosition: false });

    expect(read.commitPosition).toBeUndefined();
    expect(positionOf(read)).toBe(777n);
  });

  it('refuses an event whose position the server did not report, rather than guessing', () => {
    const old = fromServer({ streamId: 'claim-1', revision: 3n, position: 777n, allPosition: false, eventPosition: false });

    expect(() => positionOf(old)).toThrow(/22\.6/);
  });
});
