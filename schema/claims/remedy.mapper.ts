import type { Remedy } from '../../services/claims';
import type { RemedyInput } from './claim.inputs';

/** A remedy input as the domain states it (absent parts as null, so request hashes are stable). */
export function toRemedy(input: RemedyInput): Remedy {
  return {
    kind: input.kind,
    amount: input.amount ? { amount: input.amount.amount, currency: input.amount.currency } : null,
    extensionHours: input.extensionHours ?? null,
  };
}
