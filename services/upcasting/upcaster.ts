import type { RecordedEvent } from '../event-store';

/**
 * One step in an event type's shape history: data stored as `fromVersion` becomes data of
 * `fromVersion + 1`. Pure and total: it never throws for data the old code could have written.
 */
export interface UpcastStep {
  eventType: string;
  fromVersion: number;
  up(data: unknown): unknown;
}

/** Turns a recorded event into the current shape of its type; an event already current comes back as it is. */
export type Upcast = (event: RecordedEvent) => RecordedEvent;

/**
 * A typed {@link UpcastStep}: `up` receives the data as version `fromVersion` of `eventType` had it.
 * The stored data is trusted to have that shape: our own code wrote it, under that version.
 */
export function upcastStep<From, To>(eventType: string, fromVersion: number, up: (data: From) => To): UpcastStep {
  return { eventType, fromVersion, up: (data) => up(data as From) };
}

/** The version an event was stored under: its metadata's `schemaVersion`, 1 for events written before there was one. */
export function schemaVersionOf(event: RecordedEvent): number {
  const version = event.metadata.schemaVersion;
  return typeof version === 'number' && Number.isInteger(version) && version > 0 ? version : 1;
}

/**
 * An upcaster over `steps`: each event goes through its type's steps one version at a time, from the
 * version it was stored under to the newest one there is a step for, and says so in its metadata's
 * `schemaVersion`. Events with no step to take (other types, current versions, other streams) come
 * back as the same object. The rest of the metadata, the hash chain included, stays as stored: the
 * hashes cover the stored form, which is why verification reads the store without upcasting.
 */
export function createUpcaster(steps: readonly UpcastStep[]): Upcast {
  const byKey = new Map<string, UpcastStep>();
  for (const step of steps) {
    const key = stepKey(step.eventType, step.fromVersion);
    if (byKey.has(key)) throw new Error(`two upcast steps from ${step.eventType} version ${step.fromVersion}`);
    byKey.set(key, step);
  }
  return (event) => {
    const stored = schemaVersionOf(event);
    let version = stored;
    let data = event.data;
    for (let step = byKey.get(stepKey(event.type, version)); step; step = byKey.get(stepKey(event.type, version))) {
      data = step.up(data);
      version += 1;
    }
    if (version === stored) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  };
}

function stepKey(eventType: string, fromVersion: number): string {
  return `${eventType}@${fromVersion}`;
}
