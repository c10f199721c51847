import { Presets, SingleBar } from 'cli-progress';
import type { RebuildPhase, RebuildProgress } from './rebuild';

/** Shows a rebuild's progress; `note` prints a line without breaking the display. */
export interface RebuildDisplay {
  update(progress: RebuildProgress): void;
  note(message: string): void;
  stop(): void;
}

/** On a stream that is not a terminal, a plain line this often (ms), and at every phase change. */
const PLAIN_LINE_INTERVAL_MS = 5_000;

const PHASE_LABELS: Record<RebuildPhase, string> = {
  loading: 'loading',
  indexing: 'building indexes',
  switching: 'switching',
  switched: 'switched',
};

/**
 * A progress bar on `stream` when it is a terminal (position out of the store's head, events/s,
 * ETA); plain lines otherwise, so that logs stay readable. Events/s counts positions passed since
 * this run started (on the SQLite store, positions are consecutive events).
 */
export function rebuildDisplay(stream: NodeJS.WriteStream, label: string, clock: () => number = () => performance.now()): RebuildDisplay {
  return stream.isTTY ? barDisplay(stream, label, clock) : plainDisplay(stream, label, clock);
}

function barDisplay(stream: NodeJS.WriteStream, label: string, clock: () => number): RebuildDisplay {
  const bar = new SingleBar(
    {
      stream,
      format: `${label} |{bar}| {percentage}% | {value}/{total} | {rate} events/s | ETA {remaining} | {phase}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = clock();
  let running = false;
  return {
    update(progress) {
      const eventsPerSecond = rate(progress, started, clock);
      const payload = { rate: eventsPerSecond, remaining: eta(progress, eventsPerSecond) ?? '-', phase: PHASE_LABELS[progress.phase] };
      if (!running) bar.start(Number(progress.head), Number(progress.position), payload);
      running = true;
      bar.setTotal(Number(progress.head));
      bar.update(Number(progress.position), payload);
    },
    note(message) {
      if (running) stream.write('\n');
      stream.write(`${message}\n`);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

function plainDisplay(stream: NodeJS.WriteStream, label: string, clock: () => number): RebuildDisplay {
  const started = clock();
  let lastLine = -Infinity;
  let lastPhase: RebuildPhase | null = null;
  return {
    update(progress) {
      const now = clock();
      if (progress.phase === lastPhase && now - lastLine < PLAIN_LINE_INTERVAL_MS) return;
      lastLine = now;
      lastPhase = progress.phase;
      stream.write(`${label}: ${plainLine(progress, rate(progress, started, clock))}\n`);
    },
    note: (message) => void stream.write(`${message}\n`),
    stop() {},
  };
}

/** `loading: position 120000 of 1000000 (12%), 85000 events/s, ETA 11 s`. */
export function plainLine(progress: RebuildProgress, eventsPerSecond: number): string {
  const { position, head } = progress;
  const percent = head > 0n ? Number((position * 100n) / head) : 100;
  const remaining = eta(progress, eventsPerSecond);
  return `${PHASE_LABELS[progress.phase]}: position ${position} of ${head} (${percent}%), ${eventsPerSecond} events/s${remaining ? `, ETA ${remaining}` : ''}`;
}

/** Time left at the current rate (`1 min 05 s`, `42 s`), or null while there is no rate yet or nothing left. */
function eta({ position, head }: RebuildProgress, eventsPerSecond: number): string | null {
  const left = Number(head - position);
  if (eventsPerSecond <= 0 || left <= 0) return null;
  const seconds = Math.ceil(left / eventsPerSecond);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function rate(progress: RebuildProgress, started: number, clock: () => number): number {
  const seconds = (clock() - started) / 1000;
  return seconds > 0 ? Math.round(Number(progress.position - progress.startedAt) / seconds) : 0;
}
