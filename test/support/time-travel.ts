import type { GraphQLAnswer, TestApp } from './api';
import { CLAIM_FIELDS } from './documents';

/** Every field of Claim, the hash chain of its history included. */
export const AUDITED_CLAIM_FIELDS = `${CLAIM_FIELDS} history { hash prevHash }`;

const IDS_QUERY = `query($after: String) {
  claims(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

const NOW_AND_THEN = `query($id: ID!, $revision: Int) {
  now: claim(id: $id) { ${AUDITED_CLAIM_FIELDS} }
  atRevision: claimAsOf(id: $id, revision: $revision) { ${AUDITED_CLAIM_FIELDS} }
  latest: claimAsOf(id: $id) { ${AUDITED_CLAIM_FIELDS} }
}`;

/**
 * The promise, checked on everything `app` holds: for every claim, `claimAsOf` at its latest
 * revision (given, and by default) answers exactly as `claim` does. Waits for the projections first
 * (when they run), so that the read model and the event store agree on where each claim stands.
 * Returns how many claims were compared.
 */
export async function expectTimeTravelToMatchEveryClaim(app: TestApp): Promise<number> {
  const auditor = await app.token('auditor', 'auditor-time-travel');
  if (app.config.runProjections) await waitForProjections(app);
  const ids = await allClaimIds(app, auditor);
  for (const id of ids) {
    const first = await app.gql(auditor, `query($id: ID!) { claim(id: $id) { revision } }`, { id });
    const answer = await app.gql(auditor, NOW_AND_THEN, { id, revision: first.data!.claim.revision });
    expect(answer.errors).toBeUndefined();
    const { now, atRevision, latest } = answer.data!;
    expect({ id, claimAsOf: atRevision }).toEqual({ id, claimAsOf: now });
    expect({ id, claimAsOf: latest }).toEqual({ id, claimAsOf: now });
  }
  return ids.length;
}

async function allClaimIds(app: TestApp, token: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const answer: GraphQLAnswer = await app.gql(token, IDS_QUERY, { after });
    if (answer.errors) throw new Error(`claims answered ${JSON.stringify(answer.errors)}`);
    const page: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = answer.data!.claims;
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

/** Until /readyz shows the projections at the event store's head (10 s at most). */
async function waitForProjections(app: TestApp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { lag?: number };
    if (health.lag === 0) return;
    if (Date.now() > until) throw new Error(`the projections still lag: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
