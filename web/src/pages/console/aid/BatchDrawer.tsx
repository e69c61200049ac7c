import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Radio, Skeleton, Space, Table, Typography, Upload } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BankFileNames, bankFileUrl, type Payout, useBatch, useReconcile } from '../../../api/aid';
import { can, useMe } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { PERMISSIONS } from '../../../api/types';
import { formatDateTime } from '../../../lib/dates';
import { downloadFromApi } from '../../../lib/download';
import { formatYuan } from '../../../lib/money';
import { BatchStatusTag, PayoutStatusTag } from './tags';

/** Where in the bank's return file a problem is, in words: "第 3 行“原因”" rather than `row 3.reason`. */
function returnFileField(field: string, t: TFunction): string {
  const column = (code: string) => t(`aid.payouts.returnColumn.${code}`, { defaultValue: code });
  const row = /^row (\d+)\.(\w+)$/.exec(field);
  return row ? t('aid.payouts.returnRow', { row: row[1], column: column(row[2]!) }) : column(field);
}

/** One payout batch: its payments, the bank file to download, and the bank's return file to reconcile. */
export function BatchDrawer({ batchId, onClose }: { batchId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const batch = useBatch(batchId);
  const reconcile = useReconcile(batchId ?? '');
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  // masked unless chosen: full names are for a bank that matches the payee's name with the account
  const [names, setNames] = useState<BankFileNames>('masked');
  const mayFullNames = can(useMe().data, PERMISSIONS.membersReveal);
  const namesLabel = useId();
  const b = batch.data;

  const download = async (format: 'csv' | 'xlsx') => {
    if (!b) return;
    setDownloading(format);
    try {
      const name = await downloadFromApi(
        bankFileUrl(b.id, format, mayFullNames ? names : 'masked'),
        `${b.batchNo}.${format}`,
      );
      void message.success(t('aid.payouts.downloaded', { name }));
      void batch.refetch();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : t('common.network'));
    } finally {
      setDownloading(null);
    }
  };

  const problem = reconcile.error instanceof ApiError ? reconcile.error : null;

  return (
    <Drawer
      open={Boolean(batchId)}
      onClose={onClose}
      size={980}
      destroyOnHidden
      title={b ? t('aid.payouts.detail', { no: b.batchNo }) : t('aid.payouts.batches')}
      closable={{ 'aria-label': t('common.close') }}
    >
      {batch.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : batch.isError ? (
        <Alert type="error" showIcon title={batch.error.message} />
      ) : (
        b && (
          <div className="uc-payouts" data-testid="batch-detail" data-status={b.status}>
            <Descriptions
              size="small"
              bordered
              column={3}
              items={[
                { key: 'status', label: t('aid.payouts.colStatus'), children: <BatchStatusTag status={b.status} /> },
                { key: 'count', label: t('aid.payouts.colCount'), children: b.claimCount },
                {
                  key: 'total',
                  label: t('aid.payouts.colTotal'),
                  children: <strong className="uc-money-cell">{formatYuan(b.totalFen)}</strong>,
                },
                { key: 'created', label: t('aid.payouts.colCreated'), children: formatDateTime(b.createdAt) },
                { key: 'exported', label: t('aid.payouts.colExported'), children: formatDateTime(b.exportedAt) },
                { key: 'reconciled', label: t('aid.payouts.colReconciled'), children: formatDateTime(b.reconciledAt) },
              ]}
            />
            {mayFullNames && (
              <Space wrap data-testid="bank-file-names">
                <Typography.Text id={namesLabel}>{t('aid.payouts.names')}</Typography.Text>
                <Radio.Group
                  aria-labelledby={namesLabel}
                  value={names}
                  onChange={(e) => setNames(e.target.value as BankFileNames)}
                  options={[
                    { value: 'masked', label: t('aid.payouts.namesMasked') },
                    { value: 'full', label: t('aid.payouts.namesFull') },
                  ]}
                />
              </Space>
            )}
            <Space wrap>
              <Button
                type="primary"
                icon={<DownloadOutlined />}
                loading={downloading === 'csv'}
                onClick={() => void download('csv')}
              >
                {t('aid.payouts.downloadCsv')}
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                loading={downloading === 'xlsx'}
                onClick={() => void download('xlsx')}
              >
                {t('aid.payouts.downloadXlsx')}
              </Button>
              <Upload
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                showUploadList={false}
                maxCount={1}
                beforeUpload={(file) => {
                  reconcile.mutate(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={reconcile.isPending} data-testid="return-file-button">
                  {t('aid.payouts.returnFile')}
                </Button>
              </Upload>
            </Space>
            <Typography.Text type="secondary">
              {t('aid.payouts.exportNote')}{' '}
              {names === 'full' && mayFullNames ? `${t('aid.payouts.namesFullNote')} ` : ''}
              {t('aid.payouts.returnHint')}
            </Typography.Text>
            {reconcile.isSuccess && (
              <Alert
                type={reconcile.data.failed ? 'warning' : 'success'}
                showIcon
                data-testid="reconcile-result"
                title={t('aid.payouts.reconciled', reconcile.data)}
              />
            )}
            {problem && (
              <Alert
                type="error"
                showIcon
                title={problem.message}
                description={
                  problem.problem.errors?.length ? (
                    <ul className="uc-plain-list">
                      {problem.problem.errors.map((e) => (
                        <li key={e.field + e.message}>
                          <strong>{returnFileField(e.field, t)}</strong>
                          {t('common.labelSeparator')}
                          {e.message}
                        </li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
            <Table<Payout>
              rowKey="reference"
              size="small"
              className="uc-payouts-table"
              dataSource={b.payouts}
              pagination={b.payouts.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('aid.payouts.colReference'),
                  dataIndex: 'reference',
                  render: (v: string) => <span className="uc-mono">{v}</span>,
                },
                { title: t('aid.payouts.colPayee'), dataIndex: 'payeeName' },
                {
                  title: t('aid.payouts.colAccount'),
                  dataIndex: 'bankAccountMasked',
                  render: (v: string) => <span className="uc-mono">{v}</span>,
                },
                { title: t('aid.payouts.colBank'), dataIndex: 'bankName', ellipsis: true },
                {
                  title: t('aid.payouts.colAmount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (v: number) => <span className="uc-money-cell">{formatYuan(v)}</span>,
                },
                {
                  title: t('aid.payouts.colPayoutStatus'),
                  dataIndex: 'status',
                  render: (s: Payout['status']) => <PayoutStatusTag status={s} />,
                },
                {
                  title: t('aid.payouts.colReason'),
                  dataIndex: 'failureReason',
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('aid.payouts.colSettled'), dataIndex: 'settledOn', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </div>
        )
      )}
    </Drawer>
  );
}
