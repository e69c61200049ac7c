/**
 * Distribution arithmetic: how much a line may still be handed over or returned, and the reconciliation of planned
 * vs delivered vs confirmed vs returned. The database CHECKs enforce the same bounds; these give the clear message.
 */

export interface LineCounts {
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
}

/** Still to hand over: what was planned minus what the recipient holds (delivered less returned). */
export function outstanding(line: LineCounts): number {
  return line.planned - (line.delivered - line.returned);
}

export function mayHandOver(line: LineCounts, quantity: number): boolean {
  return quantity > 0 && quantity <= outstanding(line);
}

export function mayReturn(line: LineCounts, quantity: number): boolean {
  return quantity > 0 && quantity <= line.delivered - line.returned;
}

export interface ReconciledRow extends LineCounts {
  outstanding: number;
  unconfirmed: number;
}

export function reconcileLine(line: LineCounts): ReconciledRow {
  return {
    planned: line.planned,
    delivered: line.delivered,
    confirmed: line.confirmed,
    returned: line.returned,
    outstanding: outstanding(line),
    unconfirmed: line.delivered - line.confirmed,
  };
}

/** Totals over the lines, and whether the distribution is complete: all delivered, all confirmed, none owed. */
export function reconcile(lines: LineCounts[]): { totals: ReconciledRow; balanced: boolean } {
  const totals = lines.map(reconcileLine).reduce<ReconciledRow>(
    (t, r) => ({
      planned: t.planned + r.planned,
      delivered: t.delivered + r.delivered,
      confirmed: t.confirmed + r.confirmed,
      returned: t.returned + r.returned,
      outstanding: t.outstanding + r.outstanding,
      unconfirmed: t.unconfirmed + r.unconfirmed,
    }),
    { planned: 0, delivered: 0, confirmed: 0, returned: 0, outstanding: 0, unconfirmed: 0 },
  );
  return { totals, balanced: lines.length > 0 && totals.outstanding === 0 && totals.unconfirmed === 0 };
}
