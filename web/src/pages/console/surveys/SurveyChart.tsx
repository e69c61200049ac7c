import { PieChart, type PieSeriesOption } from 'echarts/charts';
import { type ComposeOption, use } from 'echarts/core';
import { type BaseChartParts, EChartCanvas } from '../../../components/EChartCanvas';

// Survey results also draw pies.
use([PieChart]);

export type SurveyChartOption = ComposeOption<BaseChartParts | PieSeriesOption>;

export const PALETTE = ['#C8102E', '#1554D1', '#0B7A3B', '#8A5200', '#6B3FA0', '#00727A', '#5C5C5C', '#B3476B'];

/** A survey result chart, `height` pixels tall; `onPick` receives the category or slice name that was clicked. */
export function SurveyChart({
  option,
  label,
  testId,
  height = 280,
  onPick,
}: {
  option: SurveyChartOption;
  label: string;
  testId?: string;
  height?: number;
  onPick?: (name: string) => void;
}) {
  return (
    <EChartCanvas
      option={option}
      label={label}
      className="uc-svr-chart"
      style={{ height }}
      testId={testId}
      onPick={onPick}
    />
  );
}

/** Horizontal bars of counts per label, long labels wrapped on the axis. */
export function barOption(names: string[], counts: number[], seriesName: string): SurveyChartOption {
  return {
    color: [PALETTE[0] as string],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: names,
      inverse: true,
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      { type: 'bar', name: seriesName, data: counts, barMaxWidth: 26, label: { show: true, position: 'right' } },
    ],
  };
}

export function pieOption(names: string[], counts: number[], seriesName: string): SurveyChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { type: 'scroll', bottom: 0 },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        data: names.map((name, i) => ({ name, value: counts[i] ?? 0 })),
        label: { formatter: '{b}\n{d}%' },
      },
    ],
  };
}
