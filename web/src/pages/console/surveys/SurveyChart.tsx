import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the survey results draw: bars, pies, axes, tooltip, legend, canvas.
use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export type SurveyChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;

export const PALETTE = ['#C8102E', '#1554D1', '#0B7A3B', '#8A5200', '#6B3FA0', '#00727A', '#5C5C5C', '#B3476B'];

/**
 * An ECharts canvas that follows its container's size. `label` names it for screen readers (the table beside it has
 * the figures); `onPick` receives the category or slice name that was clicked.
 */
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
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const instance = init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string') pick.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div ref={el} className="uc-svr-chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />
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
