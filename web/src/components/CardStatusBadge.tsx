import { useTranslation } from 'react-i18next';
import type { CardStatus } from '../api/types';
import { CheckIcon, CrossIcon, PauseIcon } from './Icons';

const ICONS = { active: CheckIcon, suspended: PauseIcon, cancelled: CrossIcon } as const;

/** Card status as icon AND text (never colour alone). */
export function CardStatusBadge({ status }: { status: CardStatus }) {
  const { t } = useTranslation();
  const Icon = ICONS[status] ?? CrossIcon;
  return (
    <span className={`uc-badge uc-badge-${status}`} data-status={status}>
      <Icon className="uc-badge-icon" />
      <span>{t(`cardStatus.${status}`, { defaultValue: status })}</span>
    </span>
  );
}
