import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** How deep an operation nests and how many aliases it uses, fragments expanded. */
export interface DocumentShape {
  /** Nesting of field selections: `{ claim { id } }` is 2. */
  depth: number;
  /** Aliased fields, counted once per place a fragment is spread. */
  aliases: number;
  /** Whether the operation reads `__schema` or `__type` (introspection). */
  introspects: boolean;
}

type Fragments = Map<string, FragmentDefinitionNode>;

/**
 * Measures an operation. Fragments are measured once each and the result reused, so a document of
 * fragments spreading fragments costs time linear in its size, however many times they expand.
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): DocumentShape {
  const fragments: Fragments = new Map();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return measureSelections(operation.selectionSet, fragments, new Map(), new Set());
}

function measureSelections(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  measured: Map<string, DocumentShape>,
  visiting: Set<string>,
): DocumentShape {
  const shape: DocumentShape = { depth: 0, aliases: 0, introspects: false };
  for (const selection of selectionSet.selections) {
    let inner: DocumentShape;
    if (selection.kind === Kind.FIELD) {
      const below = selection.selectionSet
        ? measureSelections(selection.selectionSet, fragments, measured, visiting)
        : { depth: 0, aliases: 0, introspects: false };
      const name = selection.name.value;
      inner = {
        depth: below.depth + 1,
        aliases: below.aliases + (selection.alias ? 1 : 0),
        introspects: below.introspects || name === '__schema' || name === '__type',
      };
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      inner = measureSelections(selection.selectionSet, fragments, measured, visiting);
    } else {
      inner = measureFragment(selection.name.value, fragments, measured, visiting);
    }
    shape.depth = Math.max(shape.depth, inner.depth);
    shape.aliases += inner.aliases;
    shape.introspects ||= inner.introspects;
  }
  return shape;
}

function measureFragment(name: string, fragments: Fragments, measured: Map<string, DocumentShape>, visiting: Set<string>): DocumentShape {
  const known = measured.get(name);
  if (known) return known;
  const fragment = fragments.get(name);
  // Unknown or cyclic fragments fail GraphQL's own validation; measuring them would never end.
  if (!fragment || visiting.has(name)) return { depth: 0, aliases: 0, introspects: false };
  visiting.add(name);
  const shape = measureSelections(fragment.selectionSet, fragments, measured, visiting);
  visiting.delete(name);
  measured.set(name, shape);
  return shape;
}
