import { anEvent, idsOf, newStreamName, someEvents, type ContractContext } from './helpers';

/** Appending events and reading them back as they were written. */
export function describeAppendContract(context: ContractContext): void {
  describe('appendToStream', () => {
    it('records events that read back with their ids, types, data and metadata', async () => {
      const stream = newStreamName();
      const data = {
        text: '会员掉线，要求全额退款 🙏📱',
        amount: { amount: 2500, currency: 'CNY' },
        tags: ['掉线', 'refund', '✅'],
        flags: { urgent: true, note: null },
        ratio: 0.25,
      };
      const metadata = { actor: { id: 'u-1', role: 'claimant' }, commandId: 'c-1', 备注: '消费者协会 ⚖️' };
      const written = [anEvent('ClaimFiled', data, metadata), anEvent('EvidenceAdded', { kind: 'SCREENSHOT' })];

      await context.store().appendToStream(stream, written);
      const read = await context.store().readStream(stream);

      expect(read.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }))).toEqual(written);
      expect(read.every((event) => event.streamId === stream)).toBe(true);
    });

    it('numbers a stream’s revisions from 0 and gives increasing positions', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(2));
      await context.store().appendToStream(stream, someEvents(1));

      const read = await context.store().readStream(stream);

      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(read[0].position < read[1].position && read[1].position < read[2].position).toBe(true);
    });

    it('stamps each event with the time it was recorded', async () => {
      const stream = newStreamName();
      const before = Date.now();
      await context.store().appendToStream(stream, someEvents(1));

      const [event] = await context.store().readStream(stream);

      expect(event.recordedAt).toBeInstanceOf(Date);
      // A server's clock may differ a little from ours.
      expect(Math.abs(event.recordedAt.getTime() - before)).toBeLessThan(60_000);
    });

    it('answers with the revision and position of the last event appended', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(1));

      const result = await context.store().appendToStream(stream, someEvents(3));
      const read = await context.store().readStream(stream);

      expect(result.nextExpectedRevision).toBe(3n);
      expect(result.position).toBe(read[3].position);
    });

    it('writes a multi-event append as one contiguous run of revisions', async () => {
      const stream = newStreamName();
      const other = newStreamName();
      const batch = someEvents(5);

      await Promise.all([
        context.store().appendToStream(stream, batch),
        context.store().appendToStream(other, someEvents(5)),
      ]);
      const read = await context.store().readStream(stream);

      expect(idsOf(read)).toEqual(idsOf(batch));
      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('moves the head position to at least the last append’s position', async () => {
      const result = await context.store().appendToStream(newStreamName(), someEvents(1));

      expect(await context.store().headPosition()).toBeGreaterThanOrEqual(result.position);
    });

    it('answers, when it gives the recorded events, with exactly what a read of the stream returns', async () => {
      const stream = newStreamName();
      await context.store().appendToStream(stream, someEvents(2));
      const written = [
        anEvent('ClaimFiled', { text: '掉线 📱', dropped: undefined, list: [1, undefined], nested: { at: null } }, { actor: { id: 'u-1' }, skip: undefined }),
        anEvent('EvidenceAdded', { kind: 'SCREENSHOT' }),
      ];

      const [result] = await Promise.all([
        context.store().appendToStream(stream, written, { expectedRevision: 1n }),
        context.store().appendToStream(newStreamName(), someEvents(3)),
      ]);
      const read = await context.store().readStream(stream, { fromRevision: 2n });

      // Adapters without them at hand (EventStoreDB) leave `events` out: callers then read back.
      if (result.events !== undefined) expect(result.events).toEqual(read);
      expect(read.map((event) => event.revision)).toEqual([2n, 3n]);
    });

    it('refuses an empty append with a RangeError and leaves the stream missing', async () => {
      const stream = newStreamName();

      await expect(context.store().appendToStream(stream, [])).rejects.toThrow(RangeError);
      expect(await context.store().readStream(stream)).toEqual([]);
    });
  });
}
