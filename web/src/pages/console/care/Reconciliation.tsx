import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Skeleton, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReconciliationRow, reconciliationXlsxUrl, useReconciliation } from '../../../api/care';
import { downloadFromApi } from '../../../lib/download';
import { type ChartOption, EChart } from '../aid/EChart';

const COLORS = { confirmed: '#0B7A3B', unconfirmed: '#1554D1', outstanding: '#BFBFBF', returned: '#8A5200' };

/**
 * 对账: per recipient planned / delivered / confirmed / returned / outstanding, a stacked bar of what went where
 * (confirmed, handed over but not yet confirmed, still to hand over; returns beside), and the XLSX export.
 */
export function ReconciliationPanel({ distributionId, unit }: { distributionId: string; unit: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rec = useReconciliation(distributionId);
  const [exporting, setExporting] = useState(false);

  const option = useMemo<ChartOption | null>(() => {
    if (!rec.data) return null;
    const rows = rec.data.items;
    const series = (key: keyof typeof COLORS, stack: string) => ({
      type: 'bar' as const,
      name: t(`care.rec.${key}`),
      stack,
      color: COLORS[key],
      barMaxWidth: 40,
      data: rows.map((r) => r[key]),
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.recipient.name),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', name: unit, minInterval: 1 },
      series: [
        series('confirmed', 'out'),
        series('unconfirmed', 'out'),
        series('outstanding', 'out'),
        series('returned', 'back'),
      ],
    } as ChartOption;
  }, [rec.data, t, unit]);

  const exportXlsx = () => {
    setExporting(true);
    downloadFromApi(reconciliationXlsxUrl(distributionId), 'reconciliation.xlsx')
      .then((name) => void message.success(t('care.common.exported', { name })))
      .catch((err: Error) => void message.error(err.message))
      .finally(() => setExporting(false));
  };

  if (rec.isPending) return <Skeleton active />;
  if (rec.isError) return <Alert type="error" showIcon title={rec.error.message} />;
  const { items, totals, balanced } = rec.data;
  const num = (key: keyof ReconciliationRow) => ({
    title: t(`care.rec.${key}`),
    dataIndex: key,
    align: 'right' as const,
    render: (v: number) => <span className="uc-care-num">{v}</span>,
  });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap className="uc-care-rec-head">
        {balanced ? (
          <Tag color="success" data-testid="rec-balanced">
            {t('care.rec.balanced')}
          </Tag>
        ) : (
          <Tag color="processing" data-testid="rec-balanced">
            {t('care.rec.open')}
          </Tag>
        )}
        <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting}>
          {t('care.rec.export')}
        </Button>
      </Space>
      <Card size="small" title={t('care.rec.chartTitle')}>
        {option && <EChart option={option} label={t('care.rec.chartLabel')} testId="rec-chart" />}
      </Card>
      <Table<ReconciliationRow>
        rowKey="lineId"
        dataSource={items}
        pagination={false}
        data-testid="reconciliation"
        columns={[
          { title: t('care.dist.recipient'), dataIndex: ['recipient', 'name'] },
          num('planned'),
          num('delivered'),
          num('confirmed'),
          num('returned'),
          num('outstanding'),
          num('unconfirmed'),
        ]}
        summary={() => (
          <Table.Summary.Row className="uc-care-total-row">
            <Table.Summary.Cell index={0}>{t('care.dist.total')}</Table.Summary.Cell>
            {(['planned', 'delivered', 'confirmed', 'returned', 'outstanding', 'unconfirmed'] as const).map((k, i) => (
              <Table.Summary.Cell key={k} index={i + 1} align="right">
                <strong data-testid={`total-${k}`}>{totals[k]}</strong>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}
