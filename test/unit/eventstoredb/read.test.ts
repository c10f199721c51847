import {
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
} from '@eventstore/db-client';
import { Readable } from 'node:stream';
import type { Client } from '../../../infra/event-store/eventstoredb/client';
import { readAllEvents, readHeadPosition, readStreamEvents } from '../../../infra/event-store/eventstoredb/read';
import { jsonAt } from './server-events';

/**
 * `$all` as the server reads it: forwards from a position inclusive, backwards from a position
 * inclusive too (the adapter must not depend on either), `count` events per request.
 */
function fakeClient(log: AllStreamResolvedEvent[]) {
  const requests: ReadAllOptions[] = [];
  const client = {
    readAll(options: ReadAllOptions) {
      requests.push(options);
      const from = options.fromPosition ?? START;
      const count = Number(options.maxCount);
      const backwards = options.direction === BACKWARDS;
      const ordered = backwards ? [...log].reverse() : log;
      const position = (event: AllStreamResolvedEvent) => event.event?.position?.commit ?? 0n;
      const included = ordered.filter((event) => {
        if (from === START || from === END) return true;
        return backwards ? position(event) <= from.commit : position(event) >= from.commit;
      });
      return Readable.from(included.slice(0, count));
    },
    readStream(streamId: string, _options: ReadStreamOptions) {
      const events = log.filter((event) => event.event?.streamId === streamId);
      if (events.length > 0) return Readable.from(events);
      return Readable.from((async function* () {
        throw new StreamNotFoundError(undefined, streamId);
      })());
    },
  };
  return { client: client as unknown as Client, requests };
}

const system = (position: bigint) => jsonAt(position, '$stats-127.0.0.1:2113', '$statsCollected');
const range = (from: number, to: number, make: (position: bigint) => AllStreamResolvedEvent) =>
  Array.from({ length: to - from + 1 }, (_, n) => make(BigInt((from + n) * 10)));
const positions = (events: ReadonlyArray<{ position: bigint }>) => events.map((event) => event.position);

describe('reading $all from EventStoreDB', () => {
  it('reads strictly after `after`, though the server reads from it inclusively', async () => {
    const { client } = fakeClient(range(1, 5, (p) => jsonAt(p)));

    expect(positions(await readAllEvents(client, { after: 20n, maxCount: 2 }))).toEqual([30n, 40n]);
  });

  it('reads past long runs of system events until it has maxCount events', async () => {
    const log = [...range(1, 3, (p) => jsonAt(p)), ...range(4, 300, system), ...range(301, 303, (p) => jsonAt(p))];
    const { client, requests } = fakeClient(log);

    const read = await readAllEvents(client, { after: 'start', maxCount: 5 });

    expect(positions(read)).toEqual([10n, 20n, 30n, 3_010n, 3_020n]);
    expect(requests.length).toBeGreaterThan(1);
  });

  it('stops at the end of $all with fewer than maxCount events', async () => {
    const { client, requests } = fakeClient([...range(1, 70, (p) => jsonAt(p)), ...range(71, 80, system)]);

    const read = await readAllEvents(client, { after: 600n });

    expect(positions(read)).toEqual(range(61, 70, (p) => jsonAt(p)).map((event) => event.commitPosition));
    expect(requests).toHaveLength(1);
  });

  it('reads 1,000 events by default', async () => {
    const { client } = fakeClient(range(1, 1_200, (p) => jsonAt(p)));

    expect(await readAllEvents(client)).toHaveLength(1_000);
  });
});

describe('the head position on EventStoreDB', () => {
  it('is the newest application event’s position, behind trailing system events', async () => {
    const { client } = fakeClient([...range(1, 3, (p) => jsonAt(p)), ...range(4, 250, system)]);

    expect(await readHeadPosition(client)).toBe(30n);
  });

  it('is 0n when $all holds only system events', async () => {
    const { client } = fakeClient(range(1, 150, system));

    expect(await readHeadPosition(client)).toBe(0n);
  });
});

describe('reading a stream from EventStoreDB', () => {
  it('reads a stream that does not exist as empty', async () => {
    const { client } = fakeClient([jsonAt(10n, 'claim-1')]);

    expect(await readStreamEvents(client, 'claim-404')).toEqual([]);
  });

  it('reads the stream’s events as the port’s', async () => {
    const { client } = fakeClient([jsonAt(10n, 'claim-1'), jsonAt(20n, 'claim-2'), jsonAt(30n, 'claim-1')]);

    const read = await readStreamEvents(client, 'claim-1');

    expect(read.map((event) => [event.streamId, event.position])).toEqual([['claim-1', 10n], ['claim-1', 30n]]);
  });

  it('refuses a negative fromRevision', async () => {
    await expect(readStreamEvents(fakeClient([]).client, 'claim-1', { fromRevision: -1n })).rejects.toThrow(RangeError);
  });
});
