import { CodedError } from '../errors';

/** Refusals of webhook commands; stable codes, like the claim domain's. */
export const WEBHOOK_ERROR_CODES = {
  /** No such webhook or delivery, or the caller may not see it (another integration's). */
  NOT_FOUND: 'no such webhook or delivery, or it is not yours',
  /** The caller's role may not manage webhooks (supervisors and integrations may). */
  FORBIDDEN: 'only supervisors and integrations manage webhooks',
  /** The URL is not an absolute http(s) URL without credentials, or is too long. */
  WEBHOOK_URL_INVALID: 'give an absolute http:// or https:// URL (at most 2,048 characters, no user:password@)',
  /** The URL's host is or resolves to a loopback, private, link-local or otherwise non-public address. */
  WEBHOOK_URL_FORBIDDEN: 'the URL resolves to a private, loopback or link-local address; webhooks go to public addresses only',
  /** No event types, an unknown one, or too many. */
  WEBHOOK_EVENT_TYPES_INVALID: 'name between 1 and 20 claim event types, e.g. ClaimEscalated',
  /** The webhook was already deactivated. */
  WEBHOOK_INACTIVE: 'the webhook is already deactivated',
} as const;

export type WebhookErrorCode = keyof typeof WEBHOOK_ERROR_CODES;

/** A refused webhook command; `details` are safe to show the caller (e.g. which event types are unknown). */
export class WebhookError extends CodedError<WebhookErrorCode> {
  override readonly name = 'WebhookError';
  constructor(code: WebhookErrorCode, details: Record<string, unknown> = {}, message: string = WEBHOOK_ERROR_CODES[code]) {
    super(code, details, message);
  }
}
