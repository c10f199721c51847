import { Presets, SingleBar } from 'cli-progress';

/** Progress through `$all`, shown on stderr so that stdout stays the command's answer. */
export interface Progress {
  update(position: bigint, events: number): void;
  stop(): void;
}

/** For runs too short to be worth a display (one claim). */
export const noProgress: Progress = { update() {}, stop() {} };

/** On a stream that is not a terminal, a plain line this often (ms): logs stay readable. */
const PLAIN_LINE_INTERVAL_MS = 5_000;

/**
 * A progress bar (positions of `$all` out of the head, events/s, ETA) when `stream` is a terminal;
 * otherwise a plain line every few seconds, and nothing at all for a run shorter than that.
 */
export function startProgress(stream: NodeJS.WriteStream, label: string, total: bigint): Progress {
  return stream.isTTY ? barProgress(stream, label, total) : plainProgress(stream, label, total);
}

function barProgress(stream: NodeJS.WriteStream, label: string, total: bigint): Progress {
  const bar = new SingleBar(
    {
      stream,
      format: `${label} |{bar}| {percentage}% | position {value}/{total} | {events} events, {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 20,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(Number(total), 0, { events: 0, rate: 0 });
  return {
    update: (position, events) => bar.update(Number(position), { events, rate: rate(events, started) }),
    stop: () => bar.stop(),
  };
}

function plainProgress(stream: NodeJS.WriteStream, label: string, total: bigint): Progress {
  const started = performance.now();
  let lastLine = started;
  return {
    update(position, events) {
      const now = performance.now();
      if (now - lastLine < PLAIN_LINE_INTERVAL_MS) return;
      lastLine = now;
      const percent = total > 0n ? Number((position * 100n) / total) : 100;
      stream.write(`${label}: position ${position} of ${total} (${percent}%), ${events} events, ${rate(events, started)} events/s\n`);
    },
    stop() {},
  };
}

function rate(events: number, started: number): number {
  const seconds = (performance.now() - started) / 1000;
  return seconds > 0 ? Math.round(events / seconds) : 0;
}
