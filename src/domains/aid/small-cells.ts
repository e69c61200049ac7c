/**
 * Statistical disclosure control for reports that leave the federation: a cell counting fewer than `min` members
 * is hidden, and when exactly one cell would be hidden the next smallest is hidden too, so the total does not give
 * the hidden value away.
 */

export interface Cell {
  members: number;
  beneficiaries: number | null;
  amountFen: number | null;
  suppressed: boolean;
}

export function suppressSmallCells<T extends Cell>(rows: T[], min = 5): T[] {
  const out = rows.map((r) => ({ ...r }));
  const hide = (r: T) => {
    r.suppressed = true;
    r.beneficiaries = null;
    r.amountFen = null;
  };
  const small = out.filter((r) => r.members < min);
  for (const r of small) hide(r);
  if (small.length === 1 && out.length > 1) {
    const next = out.filter((r) => !r.suppressed).sort((a, b) => a.members - b.members)[0];
    if (next) hide(next);
  }
  return out;
}
