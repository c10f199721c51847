import { randomUUID } from 'node:crypto';
import { TestApp, codes } from '../support/api';
import { evidenceInput, fileClaimInput, mutation } from '../support/documents';

const REVISION = 'query($id: ID!) { claim(id: $id) { revision } }';

/** Inputs are checked before any command runs; a refused one changes nothing. */
describe('input limits', () => {
  let app: TestApp;
  let buyer: string;
  let claimId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    buyer = await app.token('claimant');
    claimId = (await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput() })).data!.fileClaim.claim.id;
  });
  afterAll(() => app.stop(true));

  const fileRefused = async (overrides: Record<string, unknown>, code: string, message: RegExp) => {
    const input = fileClaimInput({ claimId: randomUUID(), ...overrides });
    const answer = await app.gql(buyer, mutation('fileClaim'), { input });
    expect(codes(answer)).toEqual([code]);
    expect(JSON.stringify(answer.errors)).toMatch(message);
    expect((await app.gql(buyer, REVISION, { id: input.claimId })).data!.claim).toBeNull();
  };

  it('counts text in code points: 200 emoji fit a 200-character field', async () => {
    const product = '😀'.repeat(200);
    const answer = await app.gql(buyer, mutation('fileClaim'), { input: fileClaimInput({ product }) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.fileClaim.claim.product).toBe(product);
  });

  it('refuses 201 code points in a 200-character field with BAD_USER_INPUT', () =>
    fileRefused({ product: '漢'.repeat(201) }, 'BAD_USER_INPUT', /product must be from 1 to 200 characters/));

  it('refuses a lone surrogate with BAD_USER_INPUT', () =>
    fileRefused({ description: 'broken \ud83d emoji' }, 'BAD_USER_INPUT', /description contains a lone surrogate/));

  it('refuses an unknown currency with BAD_USER_INPUT', () =>
    fileRefused({ amountPaid: { amount: 1990, currency: 'XYZ' } }, 'BAD_USER_INPUT', /currency must be an ISO-4217/));

  it('refuses a negative amount with BAD_USER_INPUT', () =>
    fileRefused({ amountPaid: { amount: -1, currency: 'CNY' } }, 'BAD_USER_INPUT', /amount/));

  it('refuses an incident more than CLOCK_SKEW_SECONDS in the future with INCIDENT_IN_FUTURE', () =>
    fileRefused({ incidentAt: new Date(Date.now() + 10 * 60_000).toISOString() }, 'INCIDENT_IN_FUTURE', /future/));

  it('accepts an incident a minute ahead of the server clock (the claimant’s clock runs fast)', async () => {
    const input = fileClaimInput({ incidentAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await app.gql(buyer, mutation('fileClaim'), { input })).errors).toBeUndefined();
  });

  it.each([
    { field: 'sha256', value: 'not-a-digest', message: /sha256 must be 64 hexadecimal characters/ },
    { field: 'uri', value: 'javascript:alert(1)', message: /uri must be an http or https URL/ },
    { field: 'uri', value: 'https://', message: /uri must be an http or https URL/ },
  ])('refuses evidence whose $field is $value with BAD_USER_INPUT, adding nothing', async ({ field, value, message }) => {
    const answer = await app.gql(buyer, mutation('addEvidence'), { input: { ...evidenceInput(claimId), [field]: value } });
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(answer.errors)).toMatch(message);
    expect((await app.gql(buyer, REVISION, { id: claimId })).data!.claim.revision).toBe(0);
  });

  it('accepts evidence with an https URI', async () => {
    const input = { ...evidenceInput(claimId), uri: 'https://files.example.cn/evidence/支付记录.png' };
    expect((await app.gql(buyer, mutation('addEvidence'), { input })).errors).toBeUndefined();
  });
});
