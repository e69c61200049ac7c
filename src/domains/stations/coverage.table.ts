export interface StationDemandCellTable {
  cellX: number;
  cellY: number;
  /** First day of the Shanghai month, 'YYYY-MM-01'. */
  month: string;
  searches: number;
}
