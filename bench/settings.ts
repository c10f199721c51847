/** A whole-number benchmark setting from the environment (benchmarks are not the app: infra/config.ts is not theirs). */
export function numberSetting(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0; got "${raw}"`);
  return value;
}

/** A list of numbers, comma-separated (e.g. BENCH_RATES=500,1000,2000). */
export function numberListSetting(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  return raw.split(',').map((part) => {
    const value = Number(part.trim());
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be numbers > 0, comma-separated; got "${raw}"`);
    return value;
  });
}

/** Whether BENCH_PROFILE=1: the server then runs with `--cpu-prof`, profiles under bench/profiles/. */
export function profileArgs(scenario: string): string[] {
  if (process.env.BENCH_PROFILE !== '1') return [];
  return ['--cpu-prof', `--cpu-prof-dir=bench/profiles/${scenario}`];
}
