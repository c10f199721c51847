import type { ProjectionStatus } from './status';

/** A status as JSON: positions as decimal strings (they may exceed 2^53). */
export interface ProjectionStatusJson {
  name: string;
  version: number;
  storedVersion: number | null;
  position: string;
  head: string;
  lag: string;
  lagSeconds: number;
  rebuild: { version: number; position: string } | null;
}

export function statusToJson(status: ProjectionStatus): ProjectionStatusJson {
  return {
    ...status,
    position: String(status.position),
    head: String(status.head),
    lag: String(status.lag),
    rebuild: status.rebuild && { version: status.rebuild.version, position: String(status.rebuild.position) },
  };
}

const HEADINGS = ['projection', 'version', 'position', 'head', 'lag', 'lag (s)', 'rebuild'];

/** The statuses as an aligned text table, one projection per line, with a heading line. */
export function statusTable(statuses: readonly ProjectionStatus[]): string {
  const rows = [HEADINGS, ...statuses.map(statusCells)];
  const widths = HEADINGS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n') + '\n';
}

function statusCells(status: ProjectionStatus): string[] {
  return [
    status.name,
    versionCell(status),
    String(status.position),
    String(status.head),
    String(status.lag),
    String(status.lagSeconds),
    status.rebuild ? `in progress at ${status.rebuild.position} (version ${status.rebuild.version}); rerun to resume` : '-',
  ];
}

/** `1`, or `2 (stored 1)` when the stored rows were built by another version (the runner will replay), or `1 (never run)`. */
function versionCell({ version, storedVersion }: ProjectionStatus): string {
  if (storedVersion === null) return `${version} (never run)`;
  return storedVersion === version ? String(version) : `${version} (stored ${storedVersion})`;
}
