import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, printSchema } from 'graphql';
import { buildRecourseSchema } from '../../schema/build-schema';

const CONTRACT_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract');
const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

const contractFile = (file: string) => readFileSync(path.join(CONTRACT_DIR, file), 'utf8');

describe('the served schema', () => {
  it('contains the core contract unchanged (no breaking changes)', async () => {
    const contract = buildSchema(readFileSync(path.join(CONTRACT_DIR, 'core.graphql'), 'utf8'));
    const served = await buildRecourseSchema();
    expect(findBreakingChanges(contract, served)).toEqual([]);
  });

  it('contains the audit contract unchanged, read with the core as one document', async () => {
    const sdl = ['core.graphql', 'audit.graphql'].map((file) => readFileSync(path.join(CONTRACT_DIR, file), 'utf8'));
    const contract = buildSchema(sdl.join('\n'));
    expect(contract.getQueryType()?.getFields()).toHaveProperty('verifyClaim');
    expect(findBreakingChanges(contract, await buildRecourseSchema())).toEqual([]);
  });

  it('contains the whole integrations contract unchanged, read with core and audit as one document', async () => {
    const contract = buildSchema(['core.graphql', 'audit.graphql', 'integrations.graphql'].map(contractFile).join('\n'));
    expect(Object.keys(contract.getSubscriptionType()?.getFields() ?? {})).toEqual(['claimEscalated', 'claimEvents']);
    expect(Object.keys(contract.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['createWebhook', 'deactivateWebhook', 'redeliverWebhook']),
    );
    expect(contract.getQueryType()?.getFields()).toHaveProperty('webhooks');
    expect(findBreakingChanges(contract, await buildRecourseSchema())).toEqual([]);
  });

  it('matches the committed schema/schema.graphql (run `npm run schema:print` after changing the API)', async () => {
    const served = `${printSchema(await buildRecourseSchema())}\n`;
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });
});
