import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * Which projector process may write the read models now. Several processes may be started (by
 * mistake, or as warm standbys): the one holding an unexpired lease projects, the others wait,
 * and every batch renews the lease inside its own transaction, so a holder that lost it cannot commit.
 */
export interface ProjectorLeaseRow {
  name: string;
  /** Who holds it: host, process id and a random part. */
  holder: string;
  /** Epoch milliseconds after which another process may take it over. */
  expiresAt: string;
}

/** Table `projector_lease`, one row per read-model database. */
export const ProjectorLeaseSchema = new EntitySchema<ProjectorLeaseRow>({
  name: 'ProjectorLease',
  tableName: 'projector_lease',
  properties: {
    name: { type: 'string', length: 100, primary: true },
    holder: { type: 'string', length: 200 },
    expiresAt: { type: new BigIntType('string') },
  },
});
