import { Alert, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type CallerClaim, useCallerClaims } from '../../../api/hotline';
import { formatDate } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import { ClaimStatusTag } from '../aid/tags';

/**
 * The identified caller's claims, newest first, as the operator reads them out ("where is my claim, has it been
 * paid?"): number, coverage, status (with the reason of a return or refusal), approved amount and the day it was paid.
 */
export function CallerClaims({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const claims = useCallerClaims(consultationId, true);

  const columns: ColumnsType<CallerClaim> = [
    {
      title: t('hotline.claims.claimNo'),
      dataIndex: 'claimNo',
      render: (v: string) => <span className="uc-mono">{v}</span>,
    },
    {
      title: t('hotline.claims.coverage'),
      key: 'coverage',
      render: (_, r) => (
        <>
          {r.coverage.name}
          <Typography.Text type="secondary" className="uc-claims-incident">
            {t('hotline.claims.incident', { date: formatDate(r.incidentDate) })}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('hotline.claims.status'),
      key: 'status',
      render: (_, r) => (
        <>
          <ClaimStatusTag status={r.status} />
          <Typography.Text type="secondary" className="uc-claims-since">
            {formatDate(r.statusChangedAt)}
          </Typography.Text>
          {r.decisionReason && (
            <Typography.Text type="secondary" className="uc-claims-reason">
              {r.decisionReason}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: t('hotline.claims.amount'),
      dataIndex: 'approvedAmountFen',
      align: 'right',
      render: (v: number | null) => (v === null ? '—' : formatYuan(v)),
    },
    {
      title: t('hotline.claims.paidAt'),
      dataIndex: 'paidAt',
      render: (v: string | null) => formatDate(v),
    },
  ];

  if (claims.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={claims.error instanceof ApiError ? claims.error.message : t('common.network')}
      />
    );
  return (
    <Table
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={claims.data}
      loading={claims.isPending}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.claims.none')} /> }}
      data-testid="caller-claims"
    />
  );
}
