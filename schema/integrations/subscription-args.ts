import { CLAIM_EVENT_TYPES, isClaimId } from '../../services/claims';
import { badUserInput } from '../errors';

/** Positions are decimal strings in the API (they outgrow a GraphQL Int). */
const POSITION = /^(0|[1-9]\d{0,19})$/;

/** `afterPosition` as a position; null when absent. BAD_USER_INPUT unless a non-negative decimal integer. */
export function positionArgument(value: string | null | undefined): bigint | null {
  if (value === null || value === undefined) return null;
  if (!POSITION.test(value)) {
    throw badUserInput('afterPosition must be a position as the API gives it: a non-negative decimal integer', {
      argument: 'afterPosition',
    });
  }
  return BigInt(value);
}

/** `claimId` lowercased; null when absent. BAD_USER_INPUT unless a UUID. */
export function claimIdArgument(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!isClaimId(value)) throw badUserInput('claimId must be a UUID', { argument: 'claimId' });
  return value.toLowerCase();
}

/** `types` as a set; null (every type) when absent or empty. BAD_USER_INPUT for a type no claim event has. */
export function eventTypesArgument(types: readonly string[] | null | undefined): ReadonlySet<string> | null {
  if (!types || types.length === 0) return null;
  const unknown = types.filter((type) => !(CLAIM_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) {
    throw badUserInput(`unknown event types: ${unknown.join(', ')}`, { argument: 'types', known: CLAIM_EVENT_TYPES });
  }
  return new Set(types);
}

/** A list filter as a set; null (no restriction) when absent or empty, as the event-store port reads filters. */
export function setArgument<T>(values: readonly T[] | null | undefined): ReadonlySet<T> | null {
  return values && values.length > 0 ? new Set(values) : null;
}
