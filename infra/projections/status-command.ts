import { allProjections } from '../../projections';
import type { Config } from '../config';
import { openProjectionStores } from './rebuild-database';
import { projectionStatus } from './status';
import { statusTable, statusToJson } from './status-format';

/** `recourse projections status [--json]`: each projection's version, position, lag and rebuild, on stdout. */
export async function runStatus(config: Config, options: { json: boolean }, stdout: NodeJS.WritableStream): Promise<number> {
  const stores = await openProjectionStores(config);
  try {
    const statuses = await projectionStatus({ ...stores, projections: allProjections });
    stdout.write(options.json ? `${JSON.stringify(statuses.map(statusToJson), null, 2)}\n` : statusTable(statuses));
    return 0;
  } finally {
    await stores.close();
  }
}
