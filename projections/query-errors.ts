/**
 * A read-side query was given an argument it cannot use (a malformed cursor, an unparsable date).
 * The caller's fault: the API maps it to `BAD_USER_INPUT`.
 */
export class InvalidQueryInputError extends Error {
  override readonly name: string = 'InvalidQueryInputError';
  /** The GraphQL error code this maps to. */
  readonly code = 'BAD_USER_INPUT';

  constructor(
    message: string,
    /** The argument at fault, e.g. `after` or `filter.filedFrom`. */
    readonly argument: string,
  ) {
    super(message);
  }
}

/** The `after` cursor is not one this API handed out. */
export class InvalidCursorError extends InvalidQueryInputError {
  override readonly name: string = 'InvalidCursorError';

  constructor(argument = 'after') {
    super('the cursor is malformed', argument);
  }
}
