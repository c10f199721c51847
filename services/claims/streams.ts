/** The only place a claim's stream name is built or parsed. */
export const CLAIM_STREAM_PREFIX = 'claim-';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isClaimId(value: string): boolean {
  return UUID.test(value);
}

export function claimStreamName(claimId: string): string {
  return `${CLAIM_STREAM_PREFIX}${claimId.toLowerCase()}`;
}

/** The claim id of a claim stream's name, or null for any other stream. */
export function claimIdOfStream(streamName: string): string | null {
  if (!streamName.startsWith(CLAIM_STREAM_PREFIX)) return null;
  const id = streamName.slice(CLAIM_STREAM_PREFIX.length);
  return isClaimId(id) ? id : null;
}
