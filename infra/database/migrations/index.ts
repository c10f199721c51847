import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261124110158 } from './Migration20261124110158';
import { Migration20261124133643_webhooks } from './Migration20261124133643_webhooks';
import { Migration20261124134538_policies_outages_collective } from './Migration20261124134538_policies_outages_collective';
import { Migration20261124162446_claim_list_indexes } from './Migration20261124162446_claim_list_indexes';

/**
 * Every migration of the PostgreSQL read-model database, oldest first. Listed as classes so that
 * they load the same from the TypeScript sources and from dist/. A new one is made with
 * `npm run migration:create` and added here; a test fails while one is missing.
 */
export const readModelMigrations: readonly MigrationObject[] = [
  { name: 'Migration20261124110158', class: Migration20261124110158 },
  { name: 'Migration20261124133643_webhooks', class: Migration20261124133643_webhooks },
  { name: 'Migration20261124134538_policies_outages_collective', class: Migration20261124134538_policies_outages_collective },
  { name: 'Migration20261124162446_claim_list_indexes', class: Migration20261124162446_claim_list_indexes },
];
