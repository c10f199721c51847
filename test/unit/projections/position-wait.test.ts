import { PositionWait, type PositionSource } from '../../../infra/projections/position-wait';

/** A runner as the wait sees it: where the checkpoints stand, counted reads, and where it projects. */
function sourceAt(stored: { position: bigint }, projectingHere: boolean) {
  const source = {
    reads: 0,
    async readStored() {
      source.reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 1)); // a real read takes a moment
      return stored.position;
    },
    projectingHere: () => projectingHere,
    failed: () => false,
  } satisfies PositionSource & { reads: number };
  return source;
}

describe('waiting for the read models to reach a position (read-your-writes)', () => {
  it("answers waiting mutations from this process's own commits, without reading the checkpoints", async () => {
    const source = sourceAt({ position: 0n }, true);
    const wait = new PositionWait(source, 25);
    const waiting = Array.from({ length: 100 }, (_, n) => wait.until(BigInt(n + 1), 1_000));

    wait.committed(50n);
    wait.committed(100n);

    expect(await Promise.all(waiting)).toEqual(waiting.map(() => true));
    expect(source.reads).toBe(0);
  });

  it('serves every waiting mutation with one read at a time when another process projects', async () => {
    const stored = { position: 0n };
    const source = sourceAt(stored, false);
    const wait = new PositionWait(source, 20);
    const waiting = Array.from({ length: 300 }, (_, n) => wait.until(BigInt(n + 1), 2_000));

    setTimeout(() => (stored.position = 300n), 100);

    expect(await Promise.all(waiting)).toEqual(waiting.map(() => true));
    // About one read per half poll interval over ~100 ms, not one per waiter per poll (thousands).
    expect(source.reads).toBeLessThan(30);
  });

  it("answers at once when a cluster peer's projector reports the position, long before the next read of the checkpoints", async () => {
    const source = sourceAt({ position: 0n }, false);
    const wait = new PositionWait(source, 5_000);
    await wait.until(0n, 10); // the first read: the next is due only after half the poll interval
    const started = Date.now();
    const waiting = Array.from({ length: 50 }, (_, n) => wait.until(BigInt(n + 1), 10_000));

    wait.reportedElsewhere(50n);

    expect(await Promise.all(waiting)).toEqual(waiting.map(() => true));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(source.reads).toBe(1);
  });

  it("follows a peer's latest report down as well (a rebuild restarts at 0)", async () => {
    const wait = new PositionWait(sourceAt({ position: 0n }, false), 10);
    wait.reportedElsewhere(80n);
    wait.reportedElsewhere(3n);

    expect(await wait.until(40n, 60)).toBe(false);
    expect(await wait.until(3n, 60)).toBe(true);
  });

  it('gives up after the timeout when the position is never reached', async () => {
    const wait = new PositionWait(sourceAt({ position: 5n }, false), 10);

    expect(await wait.until(6n, 60)).toBe(false);
    expect(await wait.until(5n, 60)).toBe(true);
  });
});
