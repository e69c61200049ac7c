/**
 * The district bucket of a union path, as cockpit_bucket() in migrations/0012_cockpit.sql computes it: the district
 * ancestor, else the deepest city/provincial/national ancestor, else the path itself. Pure, for grouping rows in
 * memory without a database call per path.
 */
export function bucketOf(path: string, unions: ReadonlyMap<string, string>): string {
  const parts = path.split('/').filter(Boolean);
  let upper: string | null = null;
  for (let i = parts.length; i >= 1; i--) {
    const prefix = `/${parts.slice(0, i).join('/')}/`;
    const kind = unions.get(prefix);
    if (kind === 'district') return prefix;
    if (upper === null && (kind === 'city' || kind === 'provincial' || kind === 'national')) upper = prefix;
  }
  return upper ?? path;
}
