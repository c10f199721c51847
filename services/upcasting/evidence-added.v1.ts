import type { EvidenceAdded } from '../claims/events';
import { upcastStep } from './upcaster';

/** EvidenceAdded as schema version 1 stored it: the content's SHA-256 as a bare hex string. */
export type EvidenceAddedV1Data = Omit<EvidenceAdded['data'], 'digest'> & { sha256: string };

/**
 * EvidenceAdded 1 → 2: `sha256: "<hex>"` becomes `digest: { algorithm: 'sha-256', value: "<hex>" }`,
 * in the same place among the fields; everything else is kept as stored.
 */
export const evidenceAddedV1ToV2 = upcastStep('EvidenceAdded', 1, (data: EvidenceAddedV1Data): EvidenceAdded['data'] => {
  const entries = Object.entries(data).map(([field, value]) =>
    field === 'sha256' ? ['digest', { algorithm: 'sha-256', value }] : [field, value],
  );
  return Object.fromEntries(entries) as EvidenceAdded['data'];
});
