import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { buildRecourseSchema } from './build-schema';

/** The committed SDL: `npm run schema:print` rewrites schema/schema.graphql from the code. */
export async function printedSchema(): Promise<string> {
  return `${printSchema(await buildRecourseSchema())}\n`;
}

export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema', 'schema.graphql');

if (require.main === module) {
  printedSchema()
    .then((sdl) => writeFileSync(SCHEMA_FILE, sdl))
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
