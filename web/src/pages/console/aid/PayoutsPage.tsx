import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BatchSummary, useBatches } from '../../../api/aid';
import { formatDateTime } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import './aid-console.css';
import { useUrlState } from '../../../lib/url-state';
import { BatchDrawer } from './BatchDrawer';
import { NewBatchModal } from './NewBatchModal';
import { BatchStatusTag } from './tags';

/** 互助金发放: batches of approved claims, their bank files and the reconciliation of the bank's return. */
export default function PayoutsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const batches = useBatches();
  const [params, update] = useUrlState();
  const [creating, setCreating] = useState(false);
  const openId = params.get('batch');
  const setOpen = (id: string | null) => update({ batch: id }, { keepPage: true });

  return (
    <section className="uc-payouts" aria-labelledby="payouts-title">
      <Card size="small">
        <div className="uc-card-head">
          <h1 id="payouts-title" className="uc-page-title">
            {t('aid.payouts.title')}
          </h1>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('aid.payouts.newBatch')}
          </Button>
        </div>
        <Table<BatchSummary>
          rowKey="id"
          size="middle"
          className="uc-batches-table"
          loading={batches.isFetching}
          dataSource={batches.data ?? []}
          locale={{ emptyText: batches.isError ? batches.error.message : t('aid.payouts.empty') }}
          onRow={(row) => ({ onClick: () => setOpen(row.id), className: 'uc-clickable-row' })}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('aid.payouts.colBatchNo'),
              dataIndex: 'batchNo',
              render: (v: string, row) => (
                <Button
                  type="link"
                  className="uc-claim-link"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpen(row.id);
                  }}
                >
                  <span className="uc-mono">{v}</span>
                </Button>
              ),
            },
            { title: t('aid.payouts.colStatus'), dataIndex: 'status', render: (s) => <BatchStatusTag status={s} /> },
            { title: t('aid.payouts.colCount'), dataIndex: 'claimCount', align: 'right' },
            {
              title: t('aid.payouts.colTotal'),
              dataIndex: 'totalFen',
              align: 'right',
              render: (v: number) => <span className="uc-money-cell">{formatYuan(v)}</span>,
            },
            { title: t('aid.payouts.colCreated'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('aid.payouts.colExported'),
              dataIndex: 'exportedAt',
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t('aid.payouts.colReconciled'),
              dataIndex: 'reconciledAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
        />
      </Card>
      {creating && (
        <NewBatchModal
          onClose={() => setCreating(false)}
          onCreated={(batch) => {
            setCreating(false);
            void message.success(
              batch.replayed ? t('aid.payouts.replayed') : t('aid.payouts.created', { no: batch.batchNo }),
            );
            if (batch.skipped.length)
              void message.warning(
                t('aid.payouts.skipped', {
                  count: batch.skipped.length,
                  reasons: batch.skipped
                    .map((s) => t(`aid.payouts.skipReason.${s.reason}`, { defaultValue: s.reason }))
                    .join(t('common.clauseSeparator')),
                }),
              );
            setOpen(batch.id);
          }}
        />
      )}
      <BatchDrawer batchId={openId} onClose={() => setOpen(null)} />
    </section>
  );
}
