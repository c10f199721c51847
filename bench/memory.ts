/** Samples the process's resident set size, to report its peak and show whether it stays flat. */
export class RssSampler {
  private peakBytes = 0;
  private timer: NodeJS.Timeout | null = null;

  /** Samples every `intervalMs` from now on (and whenever `sample()` is called). */
  start(intervalMs = 50): void {
    this.peakBytes = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The RSS now, in MB; also counts towards the peak. */
  sample(): number {
    const rss = process.memoryUsage().rss;
    this.peakBytes = Math.max(this.peakBytes, rss);
    return toMb(rss);
  }

  /** Stops sampling; resolves the peak since `start()`, in MB. */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return toMb(this.peakBytes);
  }
}

function toMb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
