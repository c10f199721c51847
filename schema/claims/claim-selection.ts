import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * The `Claim` fields a `claims` query selects for its nodes (`edges { node { … } }`), through any
 * aliases, fragments and `@skip`/`@include`: what a page must load besides its summaries.
 */
export function claimNodeFieldsAsked(info: GraphQLResolveInfo): Set<string> {
  const connection = parseResolveInfo(info) as ResolveTree | null | undefined;
  const asked = new Set<string>();
  for (const edges of fieldsNamed(connection, 'ClaimConnection', 'edges')) {
    for (const node of fieldsNamed(edges, 'ClaimEdge', 'node')) {
      for (const field of Object.values(node.fieldsByTypeName.Claim ?? {})) asked.add(field.name);
    }
  }
  return asked;
}

/** The selections of `field` on `typeName` that select `name` (one per alias). */
function fieldsNamed(field: ResolveTree | null | undefined, typeName: string, name: string): ResolveTree[] {
  return Object.values(field?.fieldsByTypeName[typeName] ?? {}).filter((selected) => selected.name === name);
}
