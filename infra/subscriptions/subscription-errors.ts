/**
 * Why the server ended a subscription early, in words a client can act on: subscribe again with
 * `afterPosition` set to `resumeAfterPosition` (the position of the last event it was sent) and it
 * gets every matching event after that, none missed, none twice.
 */
export type ResumableSubscriptionCode =
  /** The subscriber fell more events behind than its queue holds (a slow client or network). */
  | 'SUBSCRIPTION_OVERFLOW'
  /** The server's live feed from the event store broke; it reconnects by itself. */
  | 'SUBSCRIPTION_INTERRUPTED';

const MESSAGES: Record<ResumableSubscriptionCode, string> = {
  SUBSCRIPTION_OVERFLOW: 'you fell too far behind the live events: subscribe again with afterPosition',
  SUBSCRIPTION_INTERRUPTED: 'the live event feed was interrupted: subscribe again with afterPosition',
};

/** A subscription ended by the server that the client should resume (see {@link ResumableSubscriptionCode}). */
export class ResumableSubscriptionError extends Error {
  override readonly name = 'ResumableSubscriptionError';
  constructor(
    readonly code: ResumableSubscriptionCode,
    /** The position of the last event sent to this subscriber (or where it started): resume after it. */
    readonly resumeAfterPosition: bigint | null,
  ) {
    super(MESSAGES[code]);
  }

  /** The error as the client receives it (graphql-ws `error` message payload entry). */
  toGraphQL(): { message: string; extensions: Record<string, unknown> } {
    const resumeAfterPosition = this.resumeAfterPosition === null ? null : String(this.resumeAfterPosition);
    return { message: this.message, extensions: { code: this.code, resumeAfterPosition } };
  }
}
