import { decodeClaimCursor, encodeClaimCursor } from '../../../projections/claim-summary/claim-cursor';
import { claimFilterSql } from '../../../projections/claim-summary/claim-filter';
import { clampPageSize } from '../../../projections/claim-summary/queries';
import { InvalidCursorError, InvalidQueryInputError } from '../../../projections/query-errors';

describe('claim list cursors and arguments', () => {
  it('decodes a cursor to the sort key it was made from', () => {
    const key = { filedAt: '2025-06-01T12:00:00.000Z', id: '00000000-0000-4000-8000-00000000002a' };
    const cursor = encodeClaimCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeClaimCursor(cursor)).toEqual(key);
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', '不是游标'],
    ['base64url of text that is not JSON', Buffer.from('hello').toString('base64url')],
    ['base64url of a JSON object', Buffer.from('{"filedAt":"x","id":"y"}').toString('base64url')],
    ['base64url of a one-element array', Buffer.from('["x"]').toString('base64url')],
    ['base64url of numbers', Buffer.from('[1,2]').toString('base64url')],
  ])('refuses %s with a BAD_USER_INPUT cursor error', (_, cursor) => {
    expect(() => decodeClaimCursor(cursor)).toThrow(InvalidCursorError);
    try {
      decodeClaimCursor(cursor);
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });

  it('clamps the page size to 0..100 and defaults it to 20', () => {
    expect(clampPageSize(undefined)).toBe(20);
    expect(clampPageSize(null)).toBe(20);
    expect(clampPageSize(500)).toBe(100);
    expect(clampPageSize(-3)).toBe(0);
    expect(clampPageSize(7.9)).toBe(7);
  });

  it('refuses an unparsable filing date naming the argument at fault', () => {
    expect(() => claimFilterSql({ filedFrom: '上周一' })).toThrow(InvalidQueryInputError);
    expect(() => claimFilterSql({ filedTo: new Date('nonsense') })).toThrow(/filter.filedTo/);
  });

  it('compares filing dates in the fixed-width UTC form the rows use', () => {
    expect(claimFilterSql({ filedFrom: '2025-06-01T20:00+08:00' })).toEqual({
      sql: '"filed_at" >= ?',
      params: ['2025-06-01T12:00:00.000Z'],
    });
  });
});
