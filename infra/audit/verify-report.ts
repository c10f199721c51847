import type { ClaimLine } from './anchors';
import type { ChainCheck } from './chain-check';
import type { AuditResult, AuditSummary } from './verify-store';

/** How `audit verify` reports. */
export interface ReportStyle {
  /** One JSON object per line: a `claim` line per claim, then a `summary` line. */
  json: boolean;
  /** In text, also list the intact claims (broken ones are always listed). */
  list: boolean;
}

/** The report's lines, each ending with a newline, in order. */
export function* reportLines(result: AuditResult, style: ReportStyle): Generator<string> {
  for (const check of result.claims) {
    if (style.json) yield `${JSON.stringify(claimLine(check))}\n`;
    else if (!check.valid || style.list) yield `${claimText(check)}\n`;
  }
  yield style.json ? `${JSON.stringify({ kind: 'summary', ...result.summary })}\n` : `${summaryText(result.summary)}\n`;
}

/** The JSON line of one claim; `lastValidRevision` with `headHash` can anchor a later run. */
export function claimLine(check: ChainCheck): ClaimLine {
  return {
    kind: 'claim',
    claimId: check.claimId,
    valid: check.valid,
    eventCount: check.eventCount,
    lastValidRevision: check.lastRevision,
    headHash: check.headHash,
    firstInvalidRevision: check.broken?.revision ?? null,
    reason: check.broken?.reason ?? null,
  };
}

function claimText(check: ChainCheck): string {
  if (check.broken) return `BROKEN claim ${check.claimId} at revision ${check.broken.revision}: ${check.broken.reason}`;
  return `ok     claim ${check.claimId}: ${plural(check.eventCount, 'event')}, head ${check.headHash ?? '-'}`;
}

function summaryText(summary: AuditSummary): string {
  const verdict = summary.broken === 0 ? 'all intact' : `${plural(summary.broken, 'claim')} BROKEN`;
  const speed = `${summary.seconds.toFixed(2)} s, ${summary.eventsPerSecond.toLocaleString('en')} events/s`;
  return `checked ${plural(summary.claimsChecked, 'claim')}, ${plural(summary.eventsChecked, 'event')} (${speed}): ${verdict}`;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}
