import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

// What every chart in the app draws with: bars, axes, tooltip, legend, canvas. A chart that draws more registers it
// beside itself (lines, pies), so each page's chunk holds only what it needs.
use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The option parts registered here, for a caller's `ComposeOption<BaseChartParts | …>`. */
export type BaseChartParts = BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption;

/**
 * An ECharts canvas that follows its container's size and redraws when `option` changes. `label` names it for screen
 * readers (the table beside it has the figures); `onPick` receives the category or slice name that was clicked.
 */
export function EChartCanvas({
  option,
  label,
  className,
  style,
  testId,
  onPick,
}: {
  option: EChartsCoreOption;
  label: string;
  className: string;
  style?: CSSProperties;
  testId?: string;
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

  return <div ref={el} className={className} style={style} role="img" aria-label={label} data-testid={testId} />;
}
