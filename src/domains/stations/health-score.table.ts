export interface StationHealthTable {
  stationId: string;
  unionPath: string;
  score: number;
  /** HealthComponents (health-score.ts) written as JSON text. */
  components: unknown;
  computedAt: Date;
}

export interface StationHealthHistoryTable {
  stationId: string;
  day: string;
  score: number;
}
