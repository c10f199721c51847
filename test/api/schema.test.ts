import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges, Kind, parse, print, printSchema, type DefinitionNode } from 'graphql';
import { buildRecourseSchema } from '../../schema/build-schema';

const CONTRACT_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract');
const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

const contractFile = (file: string) => readFileSync(path.join(CONTRACT_DIR, file), 'utf8');

/**
 * The subscription part of integrations.graphql: its Subscription type and the types only it uses.
 * TODO(webhooks): the webhook part (WebhookDeliveryStatus, WebhookDelivery, Webhook,
 * CreateWebhookPayload, CreateWebhookInput and the Query/Mutation extensions) is not served yet;
 * once it is, check the whole integrations.graphql instead and delete this function.
 */
function subscriptionContract(): string {
  const wanted = new Set(['Subscription', 'ClaimEscalation']);
  const named = (definition: DefinitionNode) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION && wanted.has(definition.name.value);
  const definitions = parse(contractFile('integrations.graphql')).definitions.filter(named);
  expect(definitions).toHaveLength(wanted.size);
  return definitions.map((definition) => print(definition)).join('\n\n');
}

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

  it('contains the subscriptions of the integrations contract unchanged, read with core and audit as one document', async () => {
    const sdl = [contractFile('core.graphql'), contractFile('audit.graphql'), subscriptionContract()];
    const contract = buildSchema(sdl.join('\n'));
    expect(Object.keys(contract.getSubscriptionType()?.getFields() ?? {})).toEqual(['claimEscalated', 'claimEvents']);
    expect(findBreakingChanges(contract, await buildRecourseSchema())).toEqual([]);
  });

  it('matches the committed schema/schema.graphql (run `npm run schema:print` after changing the API)', async () => {
    const served = `${printSchema(await buildRecourseSchema())}\n`;
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(served);
  });
});
