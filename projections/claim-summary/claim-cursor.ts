import { InvalidCursorError } from '../query-errors';
import type { ClaimSummaryRow } from './claim-summary.entity';

/** The sort key of the claims list (filedAt DESC, id DESC), which is what a cursor points at. */
export type ClaimCursor = Pick<ClaimSummaryRow, 'filedAt' | 'id'>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The opaque cursor of a row: base64url of its sort key. */
export function encodeClaimCursor(row: ClaimCursor): string {
  return Buffer.from(JSON.stringify([row.filedAt, row.id]), 'utf8').toString('base64url');
}

/** The sort key inside `cursor`; throws {@link InvalidCursorError} for anything not made by `encodeClaimCursor`. */
export function decodeClaimCursor(cursor: string, argument = 'after'): ClaimCursor {
  if (!BASE64URL.test(cursor)) throw new InvalidCursorError(argument);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(argument);
  }
  if (!isSortKey(key)) throw new InvalidCursorError(argument);
  return { filedAt: key[0], id: key[1] };
}

function isSortKey(value: unknown): value is [string, string] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    value[0].length > 0 &&
    value[1].length > 0
  );
}
