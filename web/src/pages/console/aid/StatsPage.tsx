import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Select, Skeleton, Space, Switch, Table, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type StatDimension, type StatsResult, statsXlsxUrl, useSchemes, useStats } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { currentLanguage } from '../../../i18n';
import { downloadFromApi } from '../../../lib/download';
import { formatYuan } from '../../../lib/money';
import './aid-console.css';
import { type ChartOption, EChart } from './EChart';

const DIMENSIONS: StatDimension[] = ['year', 'coverage', 'district', 'union', 'scheme'];
const RED = '#C8102E';
const BLUE = '#1554D1';

/** Bars for 人次 and a line for the amount (万元), on two axes, over one dimension. */
function yearsFrom(first: number, rows: StatsResult['rows']): StatsResult['rows'] {
  const byYear = new Map(rows.map((r) => [r.keys.year, r]));
  const last = Math.max(new Date().getFullYear(), ...rows.map((r) => Number(r.keys.year) || 0));
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const year = String(first + i);
    return byYear.get(year) ?? { keys: { year }, labels: { year }, beneficiaries: 0, amountFen: 0, suppressed: false };
  });
}

function useComboOption(
  result: StatsResult | undefined,
  dim: StatDimension,
  unknown: string,
  firstYear: number | null,
): ChartOption | null {
  const { t } = useTranslation();
  return useMemo(() => {
    if (!result) return null;
    // years run unbroken from the scheme's first year, so a year without payments shows as zero, not as a gap
    const rows =
      dim === 'year' && firstYear && result.rows.length > 0 ? yearsFrom(firstYear, result.rows) : result.rows;
    const names = rows.map((r) => r.labels[dim] ?? r.keys[dim] ?? unknown);
    return {
      color: [RED, BLUE],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', name: t('aid.stats.beneficiaries'), minInterval: 1 },
        { type: 'value', name: t('aid.stats.amountWan'), splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: t('aid.stats.beneficiaries'),
          data: rows.map((r) => r.beneficiaries),
          barMaxWidth: 36,
        },
        {
          type: 'line',
          name: t('aid.stats.amountWan'),
          yAxisIndex: 1,
          data: rows.map((r) => (r.amountFen === null ? null : Math.round(r.amountFen / 100) / 10_000)),
          smooth: false,
          symbolSize: 7,
        },
      ],
    } as ChartOption;
  }, [result, dim, unknown, firstYear, t]);
}

function ChartCard({
  title,
  dim,
  testId,
  firstYear = null,
}: {
  title: string;
  dim: StatDimension;
  testId: string;
  firstYear?: number | null;
}) {
  const { t } = useTranslation();
  const stats = useStats({ groupBy: dim });
  const option = useComboOption(stats.data, dim, t('aid.stats.unknown'), firstYear);
  return (
    <Card size="small" title={title}>
      {stats.isPending ? (
        <Skeleton active />
      ) : stats.isError ? (
        <Typography.Text type="danger">{stats.error.message}</Typography.Text>
      ) : stats.data.rows.length === 0 || !option ? (
        <Typography.Text type="secondary">{t('aid.stats.empty')}</Typography.Text>
      ) : (
        <EChart option={option} label={title} testId={testId} />
      )}
    </Card>
  );
}

/** 保障统计: the headline since the scheme began (2009-08), charts by year, coverage and district, a table, XLSX. */
export default function StatsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const ids = { dim: useId(), audience: useId() };
  const [dim, setDim] = useState<StatDimension>('year');
  const [external, setExternal] = useState(false);
  const [exporting, setExporting] = useState(false);
  const schemes = useSchemes();
  const total = useStats({});
  const query = { groupBy: dim, audience: external ? ('external' as const) : undefined };
  const table = useStats(query);
  const lang = currentLanguage();

  const since = schemes.data?.items.map((s) => s.since).sort()[0];
  const cell = (v: number | null, money = false) =>
    v === null ? (
      <Typography.Text type="secondary">{t('aid.stats.suppressed')}</Typography.Text>
    ) : money ? (
      <span className="uc-money-cell">{formatYuan(v)}</span>
    ) : (
      v.toLocaleString(lang)
    );

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const name = await downloadFromApi(statsXlsxUrl(query), 'aid-stats.xlsx');
      void message.success(t('aid.stats.exported', { name }));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : t('common.network'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="uc-stats" aria-labelledby="stats-title">
      <h1 id="stats-title" className="uc-page-title">
        {t('aid.stats.title')}
      </h1>
      <div className="uc-stats-headline" data-testid="stats-headline">
        <h2>{since ? t('aid.stats.headline', { since: since.slice(0, 7) }) : t('aid.stats.title')}</h2>
        <div className="uc-stats-figure">
          <span>{t('aid.stats.beneficiaries')}</span>
          <strong data-testid="headline-beneficiaries">
            {total.data?.total.beneficiaries?.toLocaleString(lang) ?? '—'}
          </strong>
        </div>
        <div className="uc-stats-figure">
          <span>{t('aid.stats.amount')}</span>
          <strong data-testid="headline-amount">{formatYuan(total.data?.total.amountFen)}</strong>
        </div>
      </div>
      <ChartCard
        title={t('aid.stats.byYear')}
        dim="year"
        testId="chart-year"
        firstYear={since ? Number(since.slice(0, 4)) : null}
      />
      <div className="uc-stats-grid">
        <ChartCard title={t('aid.stats.byCoverage')} dim="coverage" testId="chart-coverage" />
        <ChartCard title={t('aid.stats.byDistrict')} dim="district" testId="chart-district" />
      </div>
      <Card
        size="small"
        title={t('aid.stats.table')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {t('aid.stats.export')}
          </Button>
        }
      >
        <Form layout="inline" className="uc-filters">
          <Form.Item label={t('aid.stats.dimension')} htmlFor={ids.dim}>
            <Select
              id={ids.dim}
              className="uc-filter-select"
              value={dim}
              onChange={setDim}
              options={DIMENSIONS.map((d) => ({ value: d, label: t(`aid.stats.dims.${d}`) }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Switch id={ids.audience} checked={external} onChange={setExternal} />
              <label htmlFor={ids.audience}>{t('aid.stats.audience')}</label>
            </Space>
          </Form.Item>
        </Form>
        <Table
          rowKey={(r) => r.keys[dim] ?? 'none'}
          size="small"
          className="uc-stats-table"
          loading={table.isFetching}
          dataSource={table.data?.rows ?? []}
          pagination={false}
          locale={{ emptyText: table.isError ? table.error.message : t('aid.stats.empty') }}
          columns={[
            {
              title: t(`aid.stats.dims.${dim}`),
              render: (_, r) => r.labels[dim] ?? r.keys[dim] ?? t('aid.stats.unknown'),
            },
            {
              title: t('aid.stats.beneficiaries'),
              dataIndex: 'beneficiaries',
              align: 'right',
              render: (v: number | null) => cell(v),
            },
            {
              title: t('aid.stats.amountYuan'),
              dataIndex: 'amountFen',
              align: 'right',
              render: (v: number | null) => cell(v, true),
            },
          ]}
          summary={() =>
            table.data && (
              <Table.Summary.Row className="uc-stats-total">
                <Table.Summary.Cell index={0}>
                  <strong>{t('aid.stats.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong>{cell(table.data.total.beneficiaries)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{cell(table.data.total.amountFen, true)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      </Card>
    </section>
  );
}
