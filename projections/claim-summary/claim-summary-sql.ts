import { rowShapeOf, type RowShape } from '../read-sql';
import { ClaimSummarySchema, type ClaimSummaryRow } from './claim-summary.entity';

/** `claim_summary`'s rows as read in SQL. */
export const claimSummaryShape: RowShape<ClaimSummaryRow> = rowShapeOf(ClaimSummarySchema);

/** The list's order, newest filing first; `id` breaks ties (every index the list uses ends with both). */
export const CLAIM_LIST_ORDER = 'order by "filed_at" desc, "id" desc';
