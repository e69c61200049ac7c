import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  EditOutlined,
  ExclamationCircleFilled,
  RollbackOutlined,
} from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BatchStatus, ClaimStatus, PayoutStatus } from '../../../api/aid';

const CLAIM = {
  draft: { color: 'default', icon: <EditOutlined /> },
  submitted: { color: 'processing', icon: <ClockCircleOutlined /> },
  workplace_checked: { color: 'processing', icon: <ClockCircleOutlined /> },
  approved: { color: 'success', icon: <CheckCircleFilled /> },
  paid: { color: 'success', icon: <CheckCircleFilled /> },
  returned: { color: 'warning', icon: <RollbackOutlined /> },
  rejected: { color: 'error', icon: <CloseCircleFilled /> },
} as const;

/** A claim's status with icon and words (never colour alone). */
export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  const style = CLAIM[status] ?? CLAIM.draft;
  return (
    <Tag color={style.color} icon={style.icon} data-status={status}>
      {t(`aid.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Working days in the current status against the queue's time limit. */
export function SlaTag({ age, sla, overdue }: { age: number; sla: number | null; overdue: boolean }) {
  const { t } = useTranslation();
  if (sla === null) return null;
  const kind = overdue ? 'overdue' : age >= sla - 1 ? 'dueSoon' : 'onTime';
  const color = { overdue: 'error', dueSoon: 'warning', onTime: 'success' }[kind];
  const icon = kind === 'onTime' ? <CheckCircleFilled /> : <ExclamationCircleFilled />;
  return (
    <Tooltip title={t('aid.queue.slaTitle', { days: sla })}>
      <Tag color={color} icon={icon} data-sla={kind}>
        {t(`aid.queue.sla.${kind}`)}
      </Tag>
    </Tooltip>
  );
}

const BATCH = { open: 'default', exported: 'processing', reconciled: 'success' } as const;

export function BatchStatusTag({ status }: { status: BatchStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={BATCH[status]} data-status={status}>
      {t(`aid.payouts.batchStatus.${status}`)}
    </Tag>
  );
}

const PAYOUT = {
  pending: { color: 'processing', icon: <ClockCircleOutlined /> },
  paid: { color: 'success', icon: <CheckCircleFilled /> },
  failed: { color: 'error', icon: <CloseCircleFilled /> },
} as const;

export function PayoutStatusTag({ status }: { status: PayoutStatus }) {
  const { t } = useTranslation();
  const style = PAYOUT[status];
  return (
    <Tag color={style.color} icon={style.icon} data-status={status}>
      {t(`aid.payouts.payoutStatus.${status}`)}
    </Tag>
  );
}
