import { BigIntType, EntitySchema } from '@mikro-orm/core';

/**
 * How far a projection got: the global position of the last event it applied (0 before any) and
 * the projection version that applied it. Saved in the same transaction as the rows, so rows and
 * checkpoint never disagree. Lives with the read models (the runner in `infra` only uses it).
 */
export interface ProjectionCheckpointRow {
  name: string;
  version: number;
  /** Decimal string of the position (positions are whole numbers above 0). */
  position: string;
}

/** Table `projection_checkpoint`, one row per projection. */
export const ProjectionCheckpointSchema = new EntitySchema<ProjectionCheckpointRow>({
  name: 'ProjectionCheckpoint',
  tableName: 'projection_checkpoint',
  properties: {
    name: { type: 'string', length: 100, primary: true },
    version: { type: 'integer' },
    position: { type: new BigIntType('string') },
  },
});
