import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isClaimId } from '../../services/claims/streams';
import { AuditInputError } from './audit-errors';
import type { ChainAnchor } from './chain-check';

/** A line of `audit verify --json` about one claim: what an anchors file is made of. */
export interface ClaimLine {
  kind: 'claim';
  claimId: string;
  valid: boolean;
  eventCount: number;
  /** The last revision whose link was verified (-1 when none); with `headHash`, the anchor. */
  lastValidRevision: number;
  headHash: string | null;
  firstInvalidRevision: number | null;
  reason: string | null;
}

/**
 * Reads the heads of an earlier `audit verify --json` run (kept where the store's operators cannot
 * change it). Each claim's verified head must still be in its chain: that is what reveals events
 * removed from a stream's end, or a stream rewritten with fresh hashes. Other lines are ignored.
 */
export async function readAnchors(file: string): Promise<Map<string, ChainAnchor>> {
  if (!existsSync(file)) throw new AuditInputError(`no anchors file at ${file}`);
  const anchors = new Map<string, ChainAnchor>();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    const line = parseLine(text, `${file}:${number}`);
    if (line && line.headHash !== null) {
      anchors.set(line.claimId.toLowerCase(), { revision: line.lastValidRevision, hash: line.headHash });
    }
  }
  return anchors;
}

function parseLine(text: string, where: string): ClaimLine | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuditInputError(`${where}: not a JSON line of "audit verify --json"`);
  }
  const line = value as Partial<ClaimLine> | null;
  if (line?.kind !== 'claim') return null;
  const wellFormed =
    typeof line.claimId === 'string' &&
    isClaimId(line.claimId) &&
    Number.isInteger(line.lastValidRevision) &&
    (line.headHash === null || (typeof line.headHash === 'string' && /^[0-9a-f]{64}$/.test(line.headHash)));
  if (!wellFormed) throw new AuditInputError(`${where}: a claim line needs claimId, lastValidRevision and headHash`);
  return line as ClaimLine;
}
