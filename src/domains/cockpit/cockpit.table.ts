/** Summary tables of the cockpit (migrations/0012_cockpit.sql), written only by triggers; read through SQL. */
export interface CockpitStockTable {
  /** The district bucket: the path of the district union (or of a higher federation for its own rows). */
  bucketPath: string;
  measure: string;
  value: string;
}

export interface CockpitFlowTable {
  measure: string;
  bucketPath: string;
  /** First day of the Shanghai month; for claims_wk the Monday of the ISO week. */
  period: string;
  /** Coverage code (aid measures), survey id (survey_responses) or ''. */
  dim: string;
  value: string;
}
