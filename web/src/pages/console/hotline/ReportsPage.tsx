import { Card, DatePicker, Skeleton, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsultationReport, useFirstAnswerReport } from '../../../api/hotline';
import { type ChartOption, EChart } from '../aid/EChart';
import { formatDuration } from './CallerCard';
import { UnansweredCard } from './KbPage';
import './hotline.css';

dayjs.extend(isoWeek);

const RED = '#C8102E';
const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');

function bars(names: string[], values: number[], name: string, horizontal = false): ChartOption {
  const category = { type: 'category' as const, data: names, axisLabel: { interval: 0 } };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    color: [RED],
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : { ...category, axisLabel: { interval: 0, rotate: names.length > 8 ? 30 : 0 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', name, data: values, barMaxWidth: 28 }],
  } as ChartOption;
}

/** Every ISO week of the range (2025-W47 as the API names them), so a week without calls shows as zero, not a gap. */
export function isoWeeks(from: Dayjs, to: Dayjs): string[] {
  const label = (d: Dayjs) => `${d.isoWeekYear()}-W${String(d.isoWeek()).padStart(2, '0')}`;
  const weeks: string[] = [];
  for (let d = from.startOf('day'); !d.isAfter(to, 'day'); d = d.add(7, 'day')) weeks.push(label(d));
  if (weeks.at(-1) !== label(to)) weeks.push(label(to));
  return weeks;
}

function seconds(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : formatDuration(Math.round(v));
}

/** 热线统计: consultations by week, topic and union; time to the first answer; questions still unanswered. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(12, 'week').startOf('week'), dayjs()]);
  const query = { from: fmt(range[0]), to: fmt(range[1]) };
  const report = useConsultationReport(query);
  const first = useFirstAnswerReport(query);
  const r = report.data;
  const topicName = (v: string | null) => (v ? t(`hotline.topic.${v}`) : t('hotline.reports.noTopic'));

  useEffect(() => {
    document.title = `${t('hotline.menu.reports')} · ${t('app.name')}`;
  }, [t]);

  const weekly = useMemo(() => {
    if (!r) return null;
    const counts = new Map(r.byWeek.map((w) => [w.week, w.count]));
    const weeks = isoWeeks(dayjs(r.from), dayjs(r.to));
    return bars(
      weeks,
      weeks.map((w) => counts.get(w) ?? 0),
      t('hotline.reports.count'),
    );
  }, [r, t]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: topicName only depends on t
  const byTopic = useMemo(
    () =>
      r &&
      bars(
        r.byTopic.map((x) => topicName(x.topic)),
        r.byTopic.map((x) => x.count),
        t('hotline.reports.count'),
      ),
    [r, t],
  );
  const byUnion = useMemo(() => {
    if (!r) return null;
    const top = r.byUnion.slice(0, 15);
    return bars(
      top.map((x) => x.unionName),
      top.map((x) => x.count),
      t('hotline.reports.count'),
      true,
    );
  }, [r, t]);

  const chart = (title: string, option: ChartOption | null | undefined, testId: string, empty: boolean) => (
    <Card size="small" title={title}>
      {report.isPending ? (
        <Skeleton active />
      ) : empty || !option ? (
        <Typography.Text type="secondary">{t('hotline.reports.empty')}</Typography.Text>
      ) : (
        <EChart option={option} label={title} testId={testId} />
      )}
    </Card>
  );

  return (
    <div className="uc-reports">
      <div className="uc-page-bar">
        <h1>{t('hotline.menu.reports')}</h1>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          aria-label={t('hotline.reports.range')}
        />
      </div>
      <div className="uc-report-kpis" data-testid="hotline-kpis">
        <Card size="small">
          <Statistic title={t('hotline.reports.total')} value={r?.total ?? '—'} loading={report.isPending} />
        </Card>
        <Card size="small">
          <Statistic
            title={t('hotline.reports.answered')}
            value={first.data ? `${first.data.answered} / ${first.data.consultations}` : '—'}
            loading={first.isPending}
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('hotline.reports.medianFirst')}
            value={seconds(first.data?.medianSeconds)}
            loading={first.isPending}
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('hotline.reports.averageFirst')}
            value={seconds(first.data?.averageSeconds)}
            loading={first.isPending}
          />
        </Card>
        <Card size="small">
          <Statistic
            title={t('hotline.reports.p90First')}
            value={seconds(first.data?.p90Seconds)}
            loading={first.isPending}
          />
        </Card>
      </div>
      {report.isError && <Typography.Text type="danger">{report.error.message}</Typography.Text>}
      {chart(t('hotline.reports.byWeek'), weekly, 'chart-week', !r?.byWeek.length)}
      <div className="uc-op-grid">
        {chart(t('hotline.reports.byTopic'), byTopic, 'chart-topic', !r?.byTopic.length)}
        {chart(t('hotline.reports.byUnion'), byUnion, 'chart-union', !r?.byUnion.length)}
      </div>
      <Card size="small" title={t('hotline.reports.firstByTopic')}>
        <Table
          size="small"
          rowKey={(x) => x.topic ?? 'none'}
          loading={first.isPending}
          dataSource={first.data?.byTopic}
          pagination={false}
          columns={[
            { title: t('hotline.today.topic'), dataIndex: 'topic', render: (v: string | null) => topicName(v) },
            { title: t('hotline.reports.answeredCount'), dataIndex: 'answered', align: 'right' },
            {
              title: t('hotline.reports.medianFirst'),
              dataIndex: 'medianSeconds',
              align: 'right',
              render: (v: number | null) => seconds(v),
            },
          ]}
        />
      </Card>
      <UnansweredCard range={query} />
    </div>
  );
}
