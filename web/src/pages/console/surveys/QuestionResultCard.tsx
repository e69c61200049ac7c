import { Card, Descriptions, Segmented, Space, Table, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionResult, QuestionResult } from '../../../api/surveys';
import { percent } from './SurveyBits';
import { barOption, PALETTE, pieOption, SurveyChart, type SurveyChartOption } from './SurveyChart';

function MatrixView({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const m = q.matrix;
  const option = useMemo<SurveyChartOption | null>(
    () =>
      m
        ? {
            color: PALETTE,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0 },
            grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: m.rows.map((r) => r.label), inverse: true },
            series: m.columns.map((c, ci) => ({
              type: 'bar' as const,
              stack: 'all',
              name: c.label,
              data: m.rows.map((r) => r.counts[ci] ?? 0),
            })),
          }
        : null,
    [m],
  );
  if (!m || !option) return null;
  return (
    <>
      <SurveyChart
        option={option}
        label={q.title}
        testId={`chart-${q.id}`}
        height={Math.max(160, 44 * m.rows.length + 60)}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={m.rows}
        columns={[
          { title: t('surveys.results.row'), dataIndex: 'label' },
          ...m.columns.map((c, ci) => ({
            title: c.label,
            key: c.id,
            align: 'right' as const,
            render: (_: unknown, r: (typeof m.rows)[number]) => r.counts[ci] ?? 0,
          })),
          { title: t('surveys.results.answered'), dataIndex: 'answered', align: 'right' as const },
        ]}
      />
    </>
  );
}

function ChoiceView({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'bar' | 'pie'>(q.type === 'single' ? 'pie' : 'bar');
  const options = q.options ?? [];
  const option = useMemo(() => {
    const names = options.map((o) => o.label);
    const counts = options.map((o) => o.count);
    return kind === 'pie' && q.type !== 'multiple'
      ? pieOption(names, counts, t('surveys.results.count'))
      : barOption(names, counts, t('surveys.results.count'));
  }, [options, kind, q.type, t]);
  return (
    <>
      {q.type !== 'multiple' && (
        <Segmented
          size="small"
          value={kind}
          onChange={(v) => setKind(v as 'bar' | 'pie')}
          options={[
            { value: 'pie', label: t('surveys.results.pie') },
            { value: 'bar', label: t('surveys.results.bar') },
          ]}
        />
      )}
      <SurveyChart
        option={option}
        label={q.title}
        testId={`chart-${q.id}`}
        height={kind === 'pie' && q.type !== 'multiple' ? 300 : Math.max(140, 36 * options.length + 30)}
      />
      <Table<OptionResult>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={options}
        columns={[
          { title: t('surveys.results.option'), dataIndex: 'label' },
          { title: t('surveys.results.count'), dataIndex: 'count', align: 'right' },
          { title: t('surveys.results.share'), dataIndex: 'share', align: 'right', render: (v: number) => percent(v) },
        ]}
      />
      {q.type === 'multiple' && <Typography.Text type="secondary">{t('surveys.results.multipleNote')}</Typography.Text>}
    </>
  );
}

function StatsView({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const s = q.stats;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number(v.toFixed(2)).toString());
  return (
    <>
      {q.options && q.options.length > 0 && (
        <SurveyChart
          option={barOption(
            q.options.map((o) => o.label),
            q.options.map((o) => o.count),
            t('surveys.results.count'),
          )}
          label={q.title}
          testId={`chart-${q.id}`}
          height={Math.max(140, 30 * q.options.length + 30)}
        />
      )}
      {s && (
        <Descriptions size="small" column={4} bordered>
          <Descriptions.Item label={t('surveys.results.mean')}>{fmt(s.mean)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.results.median')}>{fmt(s.median)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.results.min')}>{fmt(s.min)}</Descriptions.Item>
          <Descriptions.Item label={t('surveys.results.max')}>{fmt(s.max)}</Descriptions.Item>
        </Descriptions>
      )}
    </>
  );
}

/** One question's results: chart and table for choices and matrices, summary figures for numbers and ratings. */
export function QuestionResultCard({
  q,
  number,
  onText,
}: {
  q: QuestionResult;
  number: number;
  onText: (id: string) => void;
}) {
  const { t } = useTranslation();
  let body: ReactNode;
  if (q.suppressed) body = <Typography.Text type="secondary">{t('surveys.results.suppressed')}</Typography.Text>;
  else if (q.type === 'single' || q.type === 'multiple') body = <ChoiceView q={q} />;
  else if (q.type === 'matrix') body = <MatrixView q={q} />;
  else if (q.type === 'rating' || q.type === 'number') body = <StatsView q={q} />;
  else if (q.type === 'text' || q.type === 'longtext')
    body = <Typography.Link onClick={() => onText(q.id)}>{t('surveys.results.seeText')}</Typography.Link>;
  else body = q.stats ? <StatsView q={q} /> : null;
  return (
    <Card
      size="small"
      className="uc-svr-q"
      data-testid={`result-${q.id}`}
      title={
        <span className="uc-svr-qtitle">
          {number}. {q.title}{' '}
          <Typography.Text type="secondary">
            {t('common.inParens', { text: t(`surveys.types.${q.type}`) })}
          </Typography.Text>
        </span>
      }
      extra={
        // a withheld card has no count to show (the server sends 0), only the reason
        q.suppressed ? undefined : (
          <span data-testid={`answered-${q.id}`}>{t('surveys.results.answeredN', { count: q.answered })}</span>
        )
      }
    >
      <Space direction="vertical" className="uc-svr-qbody">
        {body}
      </Space>
    </Card>
  );
}
