import { claimStreamName, type ClaimFiled } from '../../services/claims';
import type { EventStore, RecordedEvent } from '../../services/event-store';

/** Who filed a claim and on which platform: never changes, so it can be cached for good. */
export interface ClaimOrigin {
  claimantId: string;
  platformId: string;
}

/** Claims whose origin is kept in memory; the oldest entry goes first when there are more. */
const DEFAULT_CAPACITY = 50_000;

/**
 * The origin of each claim, learnt from its ClaimFiled as the feed sees it go by, or else read
 * once from the head of the claim's stream. Filters and the claimant rule need it for every event,
 * and no other event repeats it.
 */
export class ClaimOrigins {
  private readonly known = new Map<string, Promise<ClaimOrigin | null>>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity: number = DEFAULT_CAPACITY,
  ) {}

  /** The origin of the claim `event` belongs to. */
  of(claimId: string, event: RecordedEvent): Promise<ClaimOrigin | null> {
    const filed = event.type === 'ClaimFiled' ? originOf(event) : undefined;
    const cached = this.known.get(claimId);
    if (cached && filed === undefined) return cached;
    const origin = filed !== undefined ? Promise.resolve(filed) : this.read(claimId);
    this.remember(claimId, origin);
    return origin;
  }

  private async read(claimId: string): Promise<ClaimOrigin | null> {
    const [first] = await this.store.readStream(claimStreamName(claimId), { maxCount: 1 });
    return first?.type === 'ClaimFiled' ? originOf(first) : null;
  }

  private remember(claimId: string, origin: Promise<ClaimOrigin | null>): void {
    this.known.delete(claimId);
    this.known.set(claimId, origin);
    // A read that failed is not kept: the next event of the claim tries again.
    origin.catch(() => this.known.get(claimId) === origin && this.known.delete(claimId));
    if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value as string);
  }
}

function originOf(event: RecordedEvent): ClaimOrigin {
  const { claimantId, platformId } = event.data as ClaimFiled['data'];
  return { claimantId, platformId };
}
