import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** DESIGN.md's dependency direction, checked rather than hoped for. */
const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder)).flatMap((name) => {
    const relative = path.join(folder, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return relative.endsWith('.ts') ? [relative] : [];
  });
}

/** The project folders a file imports from (its relative imports, resolved). */
function importedFolders(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/from\s+'(\.[^']+)'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), specifier)));
}

function violations(folder: string, allowed: (target: string) => boolean): string[] {
  return sourceFiles(folder).flatMap((file) =>
    importedFolders(file)
      .filter((target) => !allowed(target))
      .map((target) => `${file} imports ${target}`),
  );
}

const inside = (...folders: string[]) => (target: string) =>
  folders.some((folder) => target === folder || target.startsWith(`${folder}/`));

describe('the dependency direction', () => {
  it('keeps the claim domain self-contained', () => {
    expect(violations('services/claims', inside('services/claims'))).toEqual([]);
  });

  it('keeps the claim domain free of clocks, random ids, the environment and I/O', () => {
    const impure = /Date\.now|new Date\(\)|randomUUID|Math\.random|process\.env|require\(|from 'node:/;
    const offenders = sourceFiles('services/claims').filter((file) => impure.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('lets services depend on nothing but themselves (ports, not adapters)', () => {
    expect(violations('services', inside('services'))).toEqual([]);
  });

  it('lets projections depend only on services and themselves', () => {
    expect(violations('projections', inside('projections', 'services'))).toEqual([]);
  });

  it('lets the GraphQL schema depend on services and projections, never on infra', () => {
    expect(violations('schema', inside('schema', 'services', 'projections'))).toEqual([]);
  });

  it('reads the environment in one place only (infra/config.ts)', () => {
    const readers = ['services', 'projections', 'schema', 'infra']
      .flatMap(sourceFiles)
      .filter((file) => /process\.env/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(readers).toEqual(['infra/config.ts']);
  });
});
