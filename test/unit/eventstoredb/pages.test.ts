import {
  findNewestApplicationEvent,
  forwardsPageSize,
  takeForwards,
} from '../../../infra/event-store/eventstoredb/mapping/pages';
import { jsonAt } from './server-events';

const positions = (events: ReadonlyArray<{ position: bigint }>): bigint[] => events.map((event) => event.position);

describe('a page of a forwards $all read', () => {
  it('skips the event AT `after`, which the server’s inclusive read returns first', () => {
    const page = [jsonAt(100n), jsonAt(200n), jsonAt(300n)];

    expect(positions(takeForwards(page, 100n, 10).events)).toEqual([200n, 300n]);
  });

  it('takes everything from the start when nothing is to be skipped', () => {
    const page = [jsonAt(100n), jsonAt(200n)];

    expect(positions(takeForwards(page, 0n, 10).events)).toEqual([100n, 200n]);
  });

  it('skips system events but moves past them', () => {
    const page = [jsonAt(100n), jsonAt(150n, '$$test-stream', '$metadata'), jsonAt(200n, '$ce-test', '$>'), jsonAt(250n)];

    const taken = takeForwards(page, 0n, 10);

    expect(positions(taken.events)).toEqual([100n, 250n]);
    expect(taken.lastSeen).toBe(250n);
  });

  it('moves on past a page of nothing but system events', () => {
    const page = [jsonAt(150n, '$stats-127.0.0.1:2113', '$statsCollected'), jsonAt(160n, '$users', '$User')];

    expect(takeForwards(page, 100n, 10)).toEqual({ events: [], lastSeen: 160n });
  });

  it('takes at most the room left', () => {
    const taken = takeForwards([jsonAt(100n), jsonAt(200n), jsonAt(300n)], 0n, 2);

    expect(positions(taken.events)).toEqual([100n, 200n]);
    expect(taken.lastSeen).toBe(200n);
  });

  it('asks for one more event than wanted, within bounds', () => {
    expect(forwardsPageSize(1_000)).toBe(1_001);
    expect(forwardsPageSize(1)).toBe(64);
    expect(forwardsPageSize(1_000_000)).toBe(4_096);
  });
});

describe('a page of a backwards $all read for the head position', () => {
  it('finds the newest application event behind trailing system events', () => {
    const page = [jsonAt(500n, '$stats-node', '$statsCollected'), jsonAt(400n, '$ce-test', '$>'), jsonAt(300n), jsonAt(200n)];

    expect(findNewestApplicationEvent(page)).toEqual({ found: 300n, lastSeen: 300n });
  });

  it('ignores events at or after the previous page’s last, however the server starts the page', () => {
    const page = [jsonAt(400n), jsonAt(300n, '$ce-test', '$>'), jsonAt(200n)];

    expect(findNewestApplicationEvent(page, 400n).found).toBe(200n);
  });

  it('reports how far it looked when the page holds only system events', () => {
    const page = [jsonAt(500n, '$users', '$User'), jsonAt(400n, '$ce-test', '$>')];

    expect(findNewestApplicationEvent(page)).toEqual({ lastSeen: 400n });
  });
});
