import { Alert, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuestionResult, type ResultsFilter, useCrosstab } from '../../../api/surveys';
import { PALETTE, SurveyChart, type SurveyChartOption } from './SurveyChart';

const BY_UNION = '__union';

/** 交叉分析: one choice question (or the answerer's union) against another, counts with totals and a stacked bar. */
export function CrosstabTab({
  surveyId,
  questions,
  filter,
}: {
  surveyId: string;
  questions: QuestionResult[];
  filter: ResultsFilter;
}) {
  const { t } = useTranslation();
  const [row, setRow] = useState<string>(BY_UNION);
  const [picked, setCol] = useState<string | undefined>();
  const col = picked ?? questions.find((q) => q.id !== row)?.id;
  const byUnion = row === BY_UNION;
  const table = useCrosstab(surveyId, { byUnion, rowQuestion: byUnion ? undefined : row, colQuestion: col }, filter);
  const data = table.data;

  // withheld rows stay out of the chart: the table says they are withheld
  const shown = useMemo(() => (data ? data.rows.flatMap((r, ri) => (r.suppressed ? [] : [{ ...r, ri }])) : []), [data]);
  const option = useMemo<SurveyChartOption | null>(
    () =>
      data && shown.length > 0
        ? {
            color: PALETTE,
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0, type: 'scroll' },
            grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: shown.map((r) => r.label), inverse: true },
            series: data.columns.map((c, ci) => ({
              type: 'bar' as const,
              stack: 'all',
              name: c.label,
              data: shown.map((r) => data.cells[r.ri]?.[ci] ?? 0),
            })),
          }
        : null,
    [data, shown],
  );
  const withheld = <Typography.Text type="secondary">{t('surveys.results.withheld')}</Typography.Text>;
  const figure = (n: number | null | undefined) => (n === null || n === undefined ? withheld : n);

  if (questions.length === 0) return <Empty description={t('surveys.results.noChoiceQuestions')} />;
  const choices = questions.map((q) => ({ value: q.id, label: q.title }));

  return (
    <Space direction="vertical" size="middle" className="uc-svr-full">
      <Space wrap>
        <label htmlFor="svr-ct-row">{t('surveys.results.rows')}</label>
        <Select
          id="svr-ct-row"
          className="uc-svr-select-wide"
          value={row}
          onChange={setRow}
          options={[
            { value: BY_UNION, label: t('surveys.results.byUnionAxis') },
            ...choices.filter((c) => c.value !== col),
          ]}
        />
        <label htmlFor="svr-ct-col">{t('surveys.results.columns')}</label>
        <Select
          id="svr-ct-col"
          className="uc-svr-select-wide"
          value={col}
          onChange={setCol}
          options={choices.filter((c) => c.value !== row)}
        />
      </Space>
      {table.isError && <Alert type="error" showIcon title={table.error.message} />}
      {data?.suppressed && <Alert type="warning" showIcon title={t('surveys.results.crosstabSuppressed')} />}
      {data && !data.suppressed && (
        <>
          {option && (
            <SurveyChart
              option={option}
              label={t('surveys.results.crosstab')}
              testId="chart-crosstab"
              height={Math.max(180, 40 * shown.length + 60)}
            />
          )}
          <Table
            size="small"
            bordered
            pagination={false}
            loading={table.isFetching}
            rowKey="id"
            dataSource={data.rows.map((r, ri) => ({ ...r, ri }))}
            scroll={{ x: true }}
            columns={[
              { title: '', dataIndex: 'label', fixed: 'left' as const },
              ...data.columns.map((c, ci) => ({
                title: c.label,
                key: c.id,
                align: 'right' as const,
                render: (_: unknown, r: { ri: number }) => figure(data.cells[r.ri]?.[ci]),
              })),
              {
                title: t('surveys.results.total'),
                key: 'total',
                align: 'right' as const,
                render: (_: unknown, r: { ri: number }) => <strong>{figure(data.rowTotals[r.ri])}</strong>,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <strong>{t('surveys.results.total')}</strong>
                </Table.Summary.Cell>
                {data.columns.map((c, ci) => (
                  <Table.Summary.Cell key={c.id} index={ci + 1} align="right">
                    <strong>{figure(data.columnTotals[ci])}</strong>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={data.columns.length + 1} align="right">
                  <strong data-testid="crosstab-grand-total">{figure(data.total)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          <Typography.Text type="secondary">{t('surveys.results.crosstabNote')}</Typography.Text>
          {data.rows.some((r) => r.suppressed) && (
            <Typography.Text type="secondary">
              {t('surveys.results.crosstabRowsWithheld')}
              {data.total === null ? ` ${t('surveys.results.crosstabTotalsWithheld')}` : ''}
            </Typography.Text>
          )}
        </>
      )}
    </Space>
  );
}
