/** A clock tests move forward instead of sleeping; hand `clock.now` to the app as its clock. */
export class TestClock {
  private time: number;

  constructor(start: string) {
    this.time = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.time);

  /** Moves the clock forward by `hours` (fractions allowed). */
  advance(hours: number): void {
    this.time += hours * 3_600_000;
  }

  /** Moves the clock to `iso`. */
  set(iso: string): void {
    this.time = Date.parse(iso);
  }

  iso(): string {
    return new Date(this.time).toISOString();
  }
}
