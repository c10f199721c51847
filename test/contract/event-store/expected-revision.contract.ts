import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '../../../services/event-store';
import { expectConflict, idsOf, newStreamName, someEvents, type ContractContext } from './helpers';

/** Optimistic concurrency: each expected-revision state, accepted and refused. */
export function describeExpectedRevisionContract(context: ContractContext): void {
  describe('expected revision', () => {
    /** A stream that already holds `count` events (revisions 0..count-1). */
    async function streamWith(count: number): Promise<string> {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(count));
      return stream;
    }

    it('no_stream accepts a stream that does not exist yet', async () => {
      const result = await context.store().appendToStream(newStreamName(), someEvents(2), { expectedRevision: NO_STREAM });

      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('no_stream refuses an existing stream, reporting its last revision', async () => {
      const stream = await streamWith(3);

      await expectConflict(context.store().appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }), 2n);
    });

    it('any accepts both a missing and an existing stream, and is the default', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(1), { expectedRevision: ANY });
      await context.store().appendToStream(stream, someEvents(1), { expectedRevision: ANY });
      const result = await context.store().appendToStream(stream, someEvents(1));

      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('stream_exists accepts an existing stream', async () => {
      const stream = await streamWith(2);

      const result = await context.store().appendToStream(stream, someEvents(1), { expectedRevision: STREAM_EXISTS });

      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('stream_exists refuses a missing stream, reporting no_stream', async () => {
      const stream = newStreamName();

      await expectConflict(
        context.store().appendToStream(stream, someEvents(1), { expectedRevision: STREAM_EXISTS }),
        NO_STREAM,
      );
      expect(await context.store().readStream(stream)).toEqual([]);
    });

    it('an exact revision accepts the stream’s last revision', async () => {
      const stream = await streamWith(3);

      const result = await context.store().appendToStream(stream, someEvents(2), { expectedRevision: 2n });

      expect(result.nextExpectedRevision).toBe(4n);
    });

    it('an exact revision refuses a stale one, a future one, and a missing stream', async () => {
      const stream = await streamWith(3);

      await expectConflict(context.store().appendToStream(stream, someEvents(1), { expectedRevision: 1n }), 2n);
      await expectConflict(context.store().appendToStream(stream, someEvents(1), { expectedRevision: 3n }), 2n);
      await expectConflict(
        context.store().appendToStream(newStreamName(), someEvents(1), { expectedRevision: 0n }),
        NO_STREAM,
      );
    });

    it('a refused multi-event append writes none of its events', async () => {
      const stream = await streamWith(2);
      const before = await context.store().readStream(stream);

      await expectConflict(context.store().appendToStream(stream, someEvents(4), { expectedRevision: 0n }), 1n);

      expect(idsOf(await context.store().readStream(stream))).toEqual(idsOf(before));
    });

    it('the error names the stream and what was expected', async () => {
      const stream = await streamWith(1);

      const error = await context.store().appendToStream(stream, someEvents(1), { expectedRevision: NO_STREAM }).catch(
        (rejection: unknown) => rejection,
      );

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ name: 'WrongExpectedVersionError', streamId: stream, expected: NO_STREAM, actual: 0n });
    });
  });
}
