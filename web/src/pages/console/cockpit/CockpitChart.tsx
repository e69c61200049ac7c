import {
  BarChart,
  type BarSeriesOption,
  LineChart,
  type LineSeriesOption,
  MapChart,
  type MapSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  VisualMapComponent,
  type VisualMapComponentOption,
} from 'echarts/components';
import { type ComposeOption, type EChartsType, init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import districts from './beijing-districts.json';

use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
// Beijing's 16 districts keyed by region code (derived from echarts@4.9.0 map data, Apache-2.0; see
// src/domains/cockpit/districts.derive.ts).
registerMap('beijing-districts', districts as unknown as Parameters<typeof registerMap>[1]);

export const DISTRICT_LABELS: Record<string, string> = Object.fromEntries(
  (districts.features as { id: string; properties: { label: string } }[]).map((f) => [f.id, f.properties.label]),
);

export type CockpitOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
>;

/** An ECharts canvas (dark theme) that follows its container's size. */
export function CockpitChart({ option, label, testId }: { option: CockpitOption; label: string; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const instance = init(el.current, 'dark', { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ backgroundColor: 'transparent', ...option }, true);
  }, [option]);
  return <div ref={el} className="cockpit-chart" role="img" aria-label={label} data-testid={testId} />;
}
