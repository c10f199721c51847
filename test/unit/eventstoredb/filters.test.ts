import { eventTypeFilter, EVENT_TYPE, excludeSystemEvents, STREAM_NAME, streamNameFilter } from '@eventstore/db-client';
import {
  exactMatchRegex,
  isSystemEvent,
  matchesFilter,
  toServerFilter,
} from '../../../infra/event-store/eventstoredb/mapping/filters';

describe('server-side filters for $all subscriptions', () => {
  it('exclude system events on the server when the port asks for no filter', () => {
    expect(toServerFilter()).toEqual(excludeSystemEvents());
    expect(toServerFilter({ streamPrefixes: [], eventTypes: [] })).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
  });

  it('filter by stream-name prefix on the server when the port gives prefixes', () => {
    const filter = toServerFilter({ streamPrefixes: ['claim-', 'idempotency-'] });

    expect(filter).toEqual(streamNameFilter({ prefixes: ['claim-', 'idempotency-'] }));
    expect(filter).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['claim-', 'idempotency-'], checkpointInterval: 1 });
  });

  it('filter by stream prefix on the server when the port gives both, leaving types to the client', () => {
    expect(toServerFilter({ streamPrefixes: ['claim-'], eventTypes: ['ClaimFiled'] })).toEqual(
      streamNameFilter({ prefixes: ['claim-'] }),
    );
  });

  it('filter by an exact-match type regex on the server when the port gives types only', () => {
    expect(toServerFilter({ eventTypes: ['ClaimFiled', 'ClaimClosed'] })).toEqual(
      eventTypeFilter({ regex: '^(?:ClaimFiled|ClaimClosed)$' }),
    );
  });

  it('pass the checkpoint callback on, so positions advance where nothing matches', () => {
    const checkpointReached = jest.fn();

    expect(toServerFilter({}, checkpointReached).checkpointReached).toBe(checkpointReached);
    expect(toServerFilter({ streamPrefixes: ['c'] }, checkpointReached).checkpointReached).toBe(checkpointReached);
    expect(toServerFilter({ eventTypes: ['T'] }, checkpointReached).checkpointReached).toBe(checkpointReached);
  });
});

describe('the exact-match type regex', () => {
  const matches = (names: string[], type: string): boolean => new RegExp(exactMatchRegex(names)).test(type);

  it('matches the named types only, not longer or shorter names', () => {
    expect(matches(['ClaimFiled'], 'ClaimFiled')).toBe(true);
    expect(matches(['ClaimFiled'], 'ClaimFiledLater')).toBe(false);
    expect(matches(['ClaimFiled'], 'xClaimFiled')).toBe(false);
    expect(matches(['ClaimFiled', 'ClaimClosed'], 'ClaimClosed')).toBe(true);
  });

  it('escapes regex characters in type names', () => {
    expect(exactMatchRegex(['a.b', 'c+d', '$>'])).toBe('^(?:a\\.b|c\\+d|\\$>)$');
    expect(matches(['a.b'], 'aXb')).toBe(false);
    expect(matches(['a.b'], 'a.b')).toBe(true);
  });

  it('matches type names in Chinese', () => {
    expect(matches(['投诉已提交'], '投诉已提交')).toBe(true);
    expect(matches(['投诉已提交'], '投诉已提交了')).toBe(false);
  });
});

describe('the port’s filter checked on the client', () => {
  const event = (streamId: string, type = 'ClaimFiled') => ({ streamId, type });

  it('accepts every event when both lists are absent or empty', () => {
    expect(matchesFilter(event('anything'))).toBe(true);
    expect(matchesFilter(event('anything'), { streamPrefixes: [], eventTypes: [] })).toBe(true);
  });

  it('accepts a stream starting with any of the prefixes, case-sensitively', () => {
    const filter = { streamPrefixes: ['test-a', 'test-b'] };

    expect(matchesFilter(event('test-a-1'), filter)).toBe(true);
    expect(matchesFilter(event('test-b-1'), filter)).toBe(true);
    expect(matchesFilter(event('test-c-1'), filter)).toBe(false);
    expect(matchesFilter(event('test-A-1'), filter)).toBe(false);
  });

  it('accepts exactly the listed types, within the prefixes', () => {
    const filter = { streamPrefixes: ['claim-'], eventTypes: ['ClaimFiled'] };

    expect(matchesFilter(event('claim-1', 'ClaimFiled'), filter)).toBe(true);
    expect(matchesFilter(event('claim-1', 'ClaimFiledLater'), filter)).toBe(false);
    expect(matchesFilter(event('order-1', 'ClaimFiled'), filter)).toBe(false);
  });
});

describe('system events', () => {
  it('are the server’s $-types and $-streams', () => {
    expect(isSystemEvent({ streamId: '$$claim-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: '$ce-claim', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: '$projections-$all', type: 'ProjectionUpdated' })).toBe(true);
    expect(isSystemEvent({ streamId: 'claim-1', type: '$statsCollected' })).toBe(true);
  });

  it('are not the application’s events', () => {
    expect(isSystemEvent({ streamId: 'claim-1', type: 'ClaimFiled' })).toBe(false);
    expect(isSystemEvent({ streamId: 'price-$5', type: 'Priced$' })).toBe(false);
  });
});
