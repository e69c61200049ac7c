import { Alert, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BatchDetail, idempotencyKey, type QueueItem, useCreateBatch, useQueue } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { formatDate } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';

/**
 * A new payout batch from the approved, unpaid claims (all ticked to start with). The Idempotency-Key is made when
 * the dialog opens, so a double click or a retry after a timeout returns the same batch instead of paying twice.
 */
export function NewBatchModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (batch: BatchDetail & { replayed: boolean; skipped: { claimId: string; reason: string }[] }) => void;
}) {
  const { t } = useTranslation();
  const approved = useQueue({ queue: 'payout', page: 1, pageSize: 200 });
  const create = useCreateBatch();
  // one key per opening of the dialog (the page mounts it afresh each time)
  const [key] = useState(idempotencyKey);
  const [picked, setPicked] = useState<string[] | null>(null);
  const items = approved.data?.items ?? [];
  const selected = picked ?? items.map((c) => c.id);

  const total = items.filter((c) => selected.includes(c.id)).reduce((s, c) => s + (c.approvedAmountFen ?? 0), 0);

  const submit = () => create.mutate({ claimIds: selected, key }, { onSuccess: (batch) => onCreated(batch) });

  return (
    <Modal
      open
      width={860}
      title={t('aid.payouts.newBatchTitle')}
      okText={t('aid.payouts.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: selected.length === 0, loading: create.isPending }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('aid.payouts.newBatchIntro')}</Typography.Paragraph>
      <Table<QueueItem>
        rowKey="id"
        size="small"
        className="uc-new-batch-table"
        loading={approved.isFetching}
        dataSource={items}
        pagination={false}
        scroll={{ y: 360 }}
        locale={{ emptyText: t('aid.payouts.noApproved') }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setPicked(keys as string[]) }}
        columns={[
          {
            title: t('aid.queue.colClaimNo'),
            dataIndex: 'claimNo',
            render: (v: string) => <span className="uc-mono">{v}</span>,
          },
          { title: t('aid.queue.colMember'), dataIndex: 'memberName' },
          { title: t('aid.queue.colUnion'), dataIndex: 'unionName', ellipsis: true },
          { title: t('aid.queue.colCoverage'), dataIndex: ['coverage', 'name'] },
          { title: t('aid.queue.colIncident'), dataIndex: 'incidentDate', render: (v: string) => formatDate(v) },
          {
            title: t('aid.queue.colApproved'),
            dataIndex: 'approvedAmountFen',
            align: 'right',
            render: (v: number | null) => <span className="uc-money-cell">{formatYuan(v)}</span>,
          },
        ]}
      />
      <Typography.Paragraph strong className="uc-gap" data-testid="batch-selection">
        {t('aid.payouts.selected', { count: selected.length, amount: formatYuan(total) })}
      </Typography.Paragraph>
      {create.isError && (
        <Alert
          type="error"
          showIcon
          title={create.error instanceof ApiError ? create.error.message : t('common.network')}
        />
      )}
    </Modal>
  );
}
