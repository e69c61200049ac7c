/** The points table of a competition: points summed per union, highest first; equal points share a position. */

export interface UnionPoints {
  unionId: string;
  unionName: string;
  points: number;
  results: number;
}

export function pointsTable(
  results: { unionId: string; unionName: string; points: number }[],
): (UnionPoints & { position: number })[] {
  const byUnion = new Map<string, UnionPoints>();
  for (const r of results) {
    const row = byUnion.get(r.unionId) ?? { unionId: r.unionId, unionName: r.unionName, points: 0, results: 0 };
    row.points += r.points;
    row.results += 1;
    byUnion.set(r.unionId, row);
  }
  const sorted = [...byUnion.values()].sort(
    (a, b) => b.points - a.points || a.unionName.localeCompare(b.unionName, 'zh-CN'),
  );
  let position = 0;
  return sorted.map((row, i) => {
    if (i === 0 || row.points !== sorted[i - 1]!.points) position = i + 1;
    return { ...row, position };
  });
}
