import { evidenceAddedV1ToV2 } from './evidence-added.v1';
import { claimFiledV1ToV2, claimResolvedV1ToV2 } from './policy-fields.v1';
import { createUpcaster, type UpcastStep } from './upcaster';

/**
 * Every claim event's shape history, oldest step first. Add a step here whenever a type's version
 * goes up in CLAIM_EVENT_SCHEMA_VERSIONS (services/claims/events.ts); a unit test checks the two agree.
 */
export const CLAIM_UPCAST_STEPS: readonly UpcastStep[] = [evidenceAddedV1ToV2, claimFiledV1ToV2, claimResolvedV1ToV2];

/** Brings any stored claim event to the shape services/claims/events.ts declares; other events pass as they are. */
export const upcastClaimEvent = createUpcaster(CLAIM_UPCAST_STEPS);
