/**
 * Refusals decided by the application layer rather than the claim decider: they need more than
 * one stream (duplicates, idempotency keys) or the event store's answer (conflicts).
 */
export const APPLICATION_ERROR_CODES = {
  /** The client's expectedRevision is not the stream's revision (or retries ran out). */
  CONFLICT: 'the claim changed since you read it: reload it and try again',
  /** Another open claim exists for the same claimant, platform and order reference. */
  DUPLICATE_CLAIM: 'an open claim for this claimant, platform and order already exists',
  /** The idempotency key was used before with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'this idempotency key was already used for a different request',
} as const;

export type ApplicationErrorCode = keyof typeof APPLICATION_ERROR_CODES;

/**
 * A refusal with a stable code the API passes on (`extensions.code`) and details safe to show the
 * caller. The claim decider's DomainError stays apart: `services/claims` imports nothing outside itself.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    /** Safe to show the caller (e.g. the current revision on CONFLICT). */
    readonly details: Record<string, unknown>,
    message: string,
  ) {
    super(message);
  }
}

export class ApplicationError extends CodedError<ApplicationErrorCode> {
  override readonly name = 'ApplicationError';
  constructor(code: ApplicationErrorCode, details: Record<string, unknown> = {}, message: string = APPLICATION_ERROR_CODES[code]) {
    super(code, details, message);
  }
}
