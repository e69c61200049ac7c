import { LineChart, type LineSeriesOption } from 'echarts/charts';
import { type ComposeOption, use } from 'echarts/core';
import { type BaseChartParts, EChartCanvas } from '../../../components/EChartCanvas';

// The dashboard also draws lines.
use([LineChart]);

export type ChartOption = ComposeOption<BaseChartParts | LineSeriesOption>;

/** The statistics pages' chart; `label` describes it for screen readers (the table beside it has the figures). */
export function EChart({ option, label, testId }: { option: ChartOption; label: string; testId?: string }) {
  return <EChartCanvas option={option} label={label} className="uc-chart" testId={testId} />;
}
