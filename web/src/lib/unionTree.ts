import type { Union, UnionKind } from '../api/types';

export interface UnionNode {
  union: Union;
  children: UnionNode[];
  /** ids from the root down to the parent of this node */
  path: string[];
  /** members of this union and every union below it (the API's memberCount counts a union's own members) */
  total: number;
}

const KIND_ORDER: Record<UnionKind, number> = {
  national: 0,
  provincial: 1,
  city: 2,
  district: 3,
  workplace: 4,
  home: 5,
};

function compare(a: UnionNode, b: UnionNode): number {
  return (
    (KIND_ORDER[a.union.kind] ?? 9) - (KIND_ORDER[b.union.kind] ?? 9) ||
    a.union.code.localeCompare(b.union.code) ||
    a.union.name.localeCompare(b.union.name, 'zh-CN')
  );
}

/**
 * Builds the union forest from the API's flat list. Roots are unions whose parent is null or not in the list
 * (a district staff member gets their district as a root, not the city above it).
 */
export function buildUnionTree(unions: readonly Union[]): UnionNode[] {
  const nodes = new Map<string, UnionNode>();
  for (const union of unions) nodes.set(union.id, { union, children: [], path: [], total: 0 });
  const roots: UnionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.union.parentId ? nodes.get(node.union.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (list: UnionNode[], path: string[], seen: Set<string>): number => {
    list.sort(compare);
    let sum = 0;
    for (const node of list) {
      if (seen.has(node.union.id)) continue; // defensive: a cycle in bad data must not hang the page
      seen.add(node.union.id);
      node.path = path;
      node.total = (node.union.memberCount ?? 0) + visit(node.children, [...path, node.union.id], seen);
      sum += node.total;
    }
    return sum;
  };
  visit(roots, [], new Set());
  return roots;
}

/** Every node, depth first. */
export function flatten(roots: readonly UnionNode[]): UnionNode[] {
  const out: UnionNode[] = [];
  const walk = (list: readonly UnionNode[]) => {
    for (const node of list) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(roots);
  return out;
}

/** Case-insensitive match on name, code or region name. */
export function matchesUnion(union: Union, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [union.name, union.code, union.regionName].some((s) => s?.toLowerCase().includes(q));
}

/**
 * Keeps the nodes matching `query` and their ancestors (so a match is shown in place); returns the pruned forest
 * and the ids to expand so every match is visible.
 */
export function filterUnionTree(roots: readonly UnionNode[], query: string): { roots: UnionNode[]; expand: string[] } {
  if (!query.trim()) return { roots: [...roots], expand: [] };
  const expand = new Set<string>();
  const prune = (list: readonly UnionNode[]): UnionNode[] => {
    const kept: UnionNode[] = [];
    for (const node of list) {
      const children = prune(node.children);
      if (children.length > 0 || matchesUnion(node.union, query)) {
        kept.push({ ...node, children });
        for (const id of node.path) expand.add(id);
      }
    }
    return kept;
  };
  const pruned = prune(roots);
  return { roots: pruned, expand: [...expand] };
}
