import * as client from '@eventstore/db-client';
import { ANY, NO_STREAM, STREAM_EXISTS } from '../../../services/event-store';
import {
  toClientExpectedRevision,
  toPortAppendResult,
  toPortCurrentRevision,
} from '../../../infra/event-store/eventstoredb/mapping/revisions';

describe('expected revisions sent to EventStoreDB', () => {
  it.each([
    ['no_stream', NO_STREAM, client.NO_STREAM],
    ['any', ANY, client.ANY],
    ['stream_exists', STREAM_EXISTS, client.STREAM_EXISTS],
  ] as const)('sends the port’s %s as the client’s constant of the same meaning', (_name, port, expected) => {
    expect(toClientExpectedRevision(port)).toBe(expected);
  });

  it('sends an exact revision as the same bigint, including 0 and revisions beyond 2^53', () => {
    expect(toClientExpectedRevision(0n)).toBe(0n);
    expect(toClientExpectedRevision(41n)).toBe(41n);
    expect(toClientExpectedRevision(2n ** 62n + 1n)).toBe(2n ** 62n + 1n);
  });

  it('refuses a negative revision, which the server would read as a legacy state code', () => {
    expect(() => toClientExpectedRevision(-1n)).toThrow(RangeError);
    expect(() => toClientExpectedRevision(-2n)).toThrow(RangeError);
  });
});

describe('current revisions reported by EventStoreDB', () => {
  it('reads the client’s no_stream as the port’s no_stream', () => {
    expect(toPortCurrentRevision(client.NO_STREAM)).toBe(NO_STREAM);
  });

  it('reads a revision as the same bigint', () => {
    expect(toPortCurrentRevision(0n)).toBe(0n);
    expect(toPortCurrentRevision(2n)).toBe(2n);
  });

  it('reads the legacy -1 of older servers as no_stream', () => {
    expect(toPortCurrentRevision(-1n)).toBe(NO_STREAM);
  });
});

describe('append results from EventStoreDB', () => {
  it('answers with the last revision and the commit position of the last event', () => {
    const result = { success: true, nextExpectedRevision: 4n, position: { commit: 9_000n, prepare: 9_000n } };

    expect(toPortAppendResult(result, 'claim-1')).toEqual({ nextExpectedRevision: 4n, position: 9_000n });
  });

  it('never passes a refused append (throwOnAppendFailure=false) off as a success', () => {
    const refused = { success: false, nextExpectedRevision: -1n, position: undefined };

    expect(() => toPortAppendResult(refused, 'claim-1')).toThrow(/refused/);
  });

  it('refuses an answer without a position rather than inventing one', () => {
    expect(() => toPortAppendResult({ success: true, nextExpectedRevision: 0n }, 'claim-1')).toThrow(/no position/);
  });
});
