import type { Generated } from 'kysely';

/** One line of a checklist; `key` is stable (results refer to it), `label` is what the inspector reads. */
export interface ChecklistItem {
  key: string;
  label: string;
  weight: number;
}

export interface ItemResult {
  key: string;
  ok: boolean;
  note?: string;
}

export interface StationChecklistTable {
  id: string;
  name: string;
  /** ChecklistItem[] written as JSON text. */
  items: unknown;
  passScore: number;
  isDefault: Generated<boolean>;
  active: Generated<boolean>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface StationInspectionTable {
  id: string;
  stationId: string;
  unionPath: string;
  checklistId: string;
  inspectedOn: string;
  inspectorId: string;
  /** ItemResult[] written as JSON text. */
  results: unknown;
  score: number;
  passScore: number;
  passed: boolean;
  notes: string | null;
  photoRefs: string[];
  createdAt: Generated<Date>;
}
