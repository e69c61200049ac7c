import type { Generated } from 'kysely';
import type { ExitRuleCode } from './exit-rule.ts';

export interface StationExitRuleTable {
  code: ExitRuleCode;
  enabled: Generated<boolean>;
  params: unknown;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}

export interface StationExitReviewTable {
  id: string;
  stationId: string;
  unionPath: string;
  /** ExitReason[] (exit-rule.ts) written as JSON text. */
  reasons: unknown;
  openedAt: Date;
  openedBy: string | null;
  decision: 'keep' | 'exit' | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}
