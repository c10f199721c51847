import { idsOf, newStreamName, someEvents, type ContractContext } from './helpers';

/** Reading one stream forwards, and reading `$all` forwards from a position. */
export function describeReadContract(context: ContractContext): void {
  describe('readStream', () => {
    async function streamOf(count: number): Promise<{ stream: string; ids: string[] }> {
      const stream = newStreamName();
      const events = someEvents(count);
      await context.store().appendToStream(stream, events);
      return { stream, ids: idsOf(events) };
    }

    it('reads a stream that does not exist as empty', async () => {
      expect(await context.store().readStream(newStreamName())).toEqual([]);
    });

    it('reads from a given revision onwards', async () => {
      const { stream, ids } = await streamOf(5);

      const read = await context.store().readStream(stream, { fromRevision: 2n });

      expect(idsOf(read)).toEqual(ids.slice(2));
      expect(read[0].revision).toBe(2n);
    });

    it('reads at most maxCount events', async () => {
      const { stream, ids } = await streamOf(5);

      expect(idsOf(await context.store().readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual(ids.slice(1, 3));
      expect(await context.store().readStream(stream, { maxCount: 0 })).toEqual([]);
    });

    it('reads nothing from past the end of a stream', async () => {
      const { stream } = await streamOf(2);

      expect(await context.store().readStream(stream, { fromRevision: 2n })).toEqual([]);
    });

    it('keeps streams apart', async () => {
      const first = await streamOf(2);
      const second = await streamOf(3);

      expect(idsOf(await context.store().readStream(first.stream))).toEqual(first.ids);
      expect(idsOf(await context.store().readStream(second.stream))).toEqual(second.ids);
    });
  });

  describe('readAll', () => {
    it('reads every event after a position, in position order', async () => {
      const stream = newStreamName();
      const events = someEvents(6);
      await context.store().appendToStream(stream, events.slice(0, 3));
      await context.store().appendToStream(newStreamName(), someEvents(2));
      await context.store().appendToStream(stream, events.slice(3));
      const [first] = await context.store().readStream(stream);

      // Other tests may write to a shared store meanwhile: keep only this test's stream.
      const all = await context.store().readAll({ after: first.position, maxCount: 10_000 });
      const positions = all.map((event) => event.position);

      expect(idsOf(all.filter((event) => event.streamId === stream))).toEqual(idsOf(events.slice(1)));
      expect(positions[0]).toBeGreaterThan(first.position);
      expect(positions.every((position, n) => n === 0 || position > positions[n - 1])).toBe(true);
    });

    it('reads at most maxCount events, starting right after the position', async () => {
      const stream = newStreamName();
      const events = someEvents(5);
      // One append is contiguous in `$all`, even on a shared store.
      await context.store().appendToStream(stream, events);
      const [first] = await context.store().readStream(stream);

      const read = await context.store().readAll({ after: first.position, maxCount: 2 });

      expect(idsOf(read)).toEqual(idsOf(events.slice(1, 3)));
    });

    it('reads from the start by default, 1,000 events at most', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(1_001));

      const [mine] = await context.store().readStream(stream, { maxCount: 1 });

      const read = await context.store().readAll();

      expect(read).toHaveLength(1_000);
      expect(read[0].position).toBeLessThanOrEqual(mine.position);
    });

    it('reads events with the same fields as readStream', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(2));
      const [first, second] = await context.store().readStream(stream);

      const [fromAll] = await context.store().readAll({ after: first.position, maxCount: 1 });

      expect(fromAll).toEqual(second);
    });
  });
}
