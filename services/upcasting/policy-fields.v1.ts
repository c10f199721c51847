import type { ClaimFiled, ClaimResolved } from '../claims/events';
import { upcastStep } from './upcaster';

/** ClaimFiled as schema version 1 stored it: before platform policies. */
export type ClaimFiledV1Data = Omit<ClaimFiled['data'], 'policy'>;
/** ClaimResolved as schema version 1 stored it: before automatic make-up. */
export type ClaimResolvedV1Data = Omit<ClaimResolved['data'], 'outageId'>;

/** ClaimFiled 1 → 2: `policy: null`, before `occurredAt` (claims filed before policies have none recorded). */
export const claimFiledV1ToV2 = upcastStep('ClaimFiled', 1, (data: ClaimFiledV1Data): ClaimFiled['data'] => {
  const { occurredAt, ...rest } = data;
  return { ...rest, policy: null, occurredAt };
});

/** ClaimResolved 1 → 2: `outageId: null` (every remedy before automatic make-up was granted by a person). */
export const claimResolvedV1ToV2 = upcastStep('ClaimResolved', 1, (data: ClaimResolvedV1Data): ClaimResolved['data'] => {
  const { occurredAt, ...rest } = data;
  return { ...rest, outageId: null, occurredAt };
});
