/** How `recourse audit …` ends: scripts and schedulers can tell a broken record from a failed run. */
export const EXIT_INTACT = 0;
/** At least one claim's record disagrees with its hash chain (or with its anchor). */
export const EXIT_BROKEN = 1;
/** Nothing could be verified or exported: no such store, claim or anchors file, or the store could not be read. */
export const EXIT_FAILED = 2;

/** Input an audit cannot work with (a missing store, an unknown claim, a bad anchors file); its message is for the user. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}
