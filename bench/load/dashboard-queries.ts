import type { Random } from '../random';

/** The first page of the support dashboard: 50 claims with their evidence. */
export const DASHBOARD_QUERY = `query($filter: ClaimFilter, $after: String) {
  claims(first: 50, filter: $filter, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id status escalationLevel platformId product filedAt filedLate assignedTo revision
      amountPaid { amount currency }
      evidence { kind description sha256 addedAt }
    } }
  }
}`;

const PLATFORMS = ['kameng-xingchen', 'yunduan-kapu', 'kuaichong-shuma', 'lanhai-kamen', 'jisu-kashang', 'haoyun-kawu'];
const AGENTS = ['agent-zhao-lei', 'agent-qian-feng', 'agent-sun-li', 'agent-zhou-qiang', 'agent-wu-dan', 'agent-zheng-kai'];

/** A named filter a support agent uses, made fresh each time (random platform, agent, week). */
export interface DashboardView {
  name: string;
  filter(random: Random): Record<string, unknown>;
}

/** What agents look at: their queue, escalations, late filings, one platform, one week, everything. */
export const DASHBOARD_VIEWS: DashboardView[] = [
  { name: 'newest, no filter', filter: () => ({}) },
  { name: 'one platform, open', filter: (r) => ({ platformId: r.pick(PLATFORMS), status: ['FILED', 'UNDER_REVIEW', 'AWAITING_CLAIMANT', 'REJECTED', 'RESOLVED'] }) },
  { name: 'escalated to 12315 or higher', filter: () => ({ escalationLevel: ['CONSUMER_ASSOCIATION', 'REGULATOR', 'COURT'] }) },
  { name: "an agent's closed claims", filter: (r) => ({ assignedTo: r.pick(AGENTS), status: ['CLOSED'] }) },
  { name: 'filed late, one platform', filter: (r) => ({ filedLate: true, platformId: r.pick(PLATFORMS) }) },
  { name: 'one week', filter: (r) => weekOf(r) },
];

/** A week within the data set's year (claims are filed from 2025-01-01, one every five minutes). */
function weekOf(random: Random): Record<string, unknown> {
  const start = Date.parse('2025-01-01T00:00:00Z') + random.int(0, 50) * 7 * 86_400_000;
  return { filedFrom: new Date(start).toISOString(), filedTo: new Date(start + 7 * 86_400_000).toISOString() };
}
