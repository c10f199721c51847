import type { MikroORM } from '@mikro-orm/core';
import type { AnyProjection } from '../../projections/projection';
import type { EventStore } from '../../services/event-store';
import { loadCheckpoints } from './checkpoint-store';
import { rebuildCheckpointName } from './rebuild-targets';

/** Where one read model stands (`recourse projections status`). */
export interface ProjectionStatus {
  name: string;
  /** The projection's version in this code. */
  version: number;
  /** The version that built the stored rows; null before the projection ever ran. */
  storedVersion: number | null;
  /** Last position applied (0n: none). */
  position: bigint;
  /** The event store's last position. */
  head: bigint;
  /**
   * `head - position`: on the SQLite store, whose positions are consecutive, the number of events
   * not yet applied. Counts from 0 when the stored version is not this code's (the runner replays).
   */
  lag: bigint;
  /** Age of the oldest event not yet applied, in seconds; 0 when caught up. */
  lagSeconds: number;
  /** The rebuild in progress (or interrupted, waiting to be resumed), if any. */
  rebuild: { version: number; position: bigint } | null;
}

export interface StatusOptions {
  store: EventStore;
  orm: MikroORM;
  projections: readonly AnyProjection[];
  /** Default: the system clock. */
  now?: () => Date;
}

/** Every projection's status; two reads of the checkpoints' table and one of the store per lagging projection. */
export async function projectionStatus(options: StatusOptions): Promise<ProjectionStatus[]> {
  const { store, projections } = options;
  const now = (options.now ?? (() => new Date()))();
  const names = projections.map(({ name }) => name);
  const em = options.orm.em.fork();
  const [head, live, rebuilds] = await Promise.all([
    store.headPosition(),
    loadCheckpoints(em, names),
    loadCheckpoints(options.orm.em.fork(), names.map(rebuildCheckpointName)),
  ]);
  return Promise.all(
    projections.map(async ({ name, version }) => {
      const stored = live.get(name);
      const position = stored?.version === version ? stored.position : 0n;
      const rebuild = rebuilds.get(rebuildCheckpointName(name));
      return {
        name,
        version,
        storedVersion: stored?.version ?? null,
        position,
        head,
        lag: head > position ? head - position : 0n,
        lagSeconds: await secondsBehind(store, position, head, now),
        rebuild: rebuild ? { version: rebuild.version, position: rebuild.position } : null,
      };
    }),
  );
}

/** How long the first event after `position` has waited, in whole seconds (0 when there is none). */
async function secondsBehind(store: EventStore, position: bigint, head: bigint, now: Date): Promise<number> {
  if (position >= head) return 0;
  const [next] = await store.readAll({ after: position === 0n ? 'start' : position, maxCount: 1 });
  if (!next) return 0;
  return Math.max(0, Math.floor((now.getTime() - next.recordedAt.getTime()) / 1000));
}
