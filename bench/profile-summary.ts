/**
 * Summarises a `node --cpu-prof` profile: where the self time went, by function and by package or
 * project file. `node dist/bench/profile-summary.js <file.cpuprofile> [rows]`
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function main(file: string, rows: number): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = placeOf(url);
    add(byFunction, `${functionName || '(anonymous)'}  ${place}:${lineNumber + 1}`, us);
    add(byPlace, place, us);
  }
  const inclusive = inclusiveProjectTime(profile, selfUs);
  process.stdout.write(`total ${(total / 1e6).toFixed(1)} s sampled\n\nby place (self)\n${top(byPlace, total, rows)}\n\n`);
  process.stdout.write(`by function (self)\n${top(byFunction, total, rows)}\n\nproject functions (inclusive)\n${top(inclusive, total, rows)}\n`);
}

/** Time spent in each project function and everything it called (each sample counted once per function). */
function inclusiveProjectTime(profile: CpuProfile, selfUs: Map<number, number>): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (!/\/dist\//.test(url)) continue;
      const key = `${functionName || '(anonymous)'}  ${placeOf(url)}:${lineNumber + 1}`;
      if (!seen.has(key)) add(inclusive, key, us);
      seen.add(key);
    }
  }
  return inclusive;
}

/** A package name, or the project file, or the kind of frame (GC, idle, program). */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1];
  const inProject = /\/dist\/(.+)$/.exec(url);
  return inProject ? inProject[1] : url.replace(/^file:\/\//, '');
}

function add(map: Map<string, number>, key: string, us: number): void {
  map.set(key, (map.get(key) ?? 0) + us);
}

function top(map: Map<string, number>, total: number, rows: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
    .join('\n');
}

main(process.argv[2], Number(process.argv[3] ?? 40));
