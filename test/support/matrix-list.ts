import type { TestApp } from './api';

/** The fields of a listed claim the filters and the order look at. */
export interface ListedClaim {
  id: string;
  claimantId: string;
  platformId: string;
  status: string;
  escalationLevel: string;
  assignedTo: string | null;
  filedLate: boolean;
  filedAt: string;
}

const LISTED_FIELDS = 'id claimantId platformId status escalationLevel assignedTo filedLate filedAt';

/** One page of `claims`, with its cursors and counts. */
export const LIST_QUERY = `query($filter: ClaimFilter, $first: Int, $after: String) {
  claims(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { ${LISTED_FIELDS} } }
  }
}`;

export interface ListPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: ListedClaim }[];
}

/** Reads one page, failing on any error (pages read through here are expected to succeed). */
export async function readPage(
  app: TestApp,
  token: string,
  args: { filter?: Record<string, unknown>; first?: number; after?: string | null },
): Promise<ListPage> {
  const answer = await app.gql(token, LIST_QUERY, args);
  if (answer.errors) throw new Error(`claims answered ${JSON.stringify(answer.errors)}`);
  return answer.data!.claims as ListPage;
}

/**
 * Follows `endCursor` from `after` (the start by default) until `hasNextPage` is false; stops
 * after 50 pages in case it never is.
 */
export async function readAllPages(
  app: TestApp,
  token: string,
  args: { filter?: Record<string, unknown>; first: number; after?: string | null },
): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  let after = args.after ?? null;
  do {
    const page = await readPage(app, token, { ...args, after });
    pages.push(page);
    after = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) break;
  } while (pages.length < MAX_PAGES);
  return pages;
}

const MAX_PAGES = 50;

/** The ids of every page, in order. */
export function idsOf(pages: readonly ListPage[]): string[] {
  return pages.flatMap((page) => page.edges.map((edge) => edge.node.id));
}

/** The list's documented order: newest filing first, ties broken by the larger id first. */
export function newestFirst<T extends Pick<ListedClaim, 'id' | 'filedAt'>>(claims: readonly T[]): T[] {
  return [...claims].sort(
    (a, b) => Date.parse(b.filedAt) - Date.parse(a.filedAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}
