import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined, PauseCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardStatus, MemberStatus } from '../../api/types';

const CARD = {
  active: { color: 'success', icon: <CheckCircleFilled /> },
  suspended: { color: 'warning', icon: <PauseCircleFilled /> },
  cancelled: { color: 'default', icon: <CloseCircleFilled /> },
  none: { color: 'default', icon: <MinusCircleOutlined /> },
} as const;

/** Card status with icon and text (never colour alone). */
export function CardStatusTag({ status }: { status: CardStatus | 'none' }) {
  const { t } = useTranslation();
  const style = CARD[status] ?? CARD.none;
  return (
    <Tag color={style.color} icon={style.icon} data-status={status}>
      {t(`cardStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const MEMBER = { active: 'processing', transferred: 'default', left: 'default' } as const;

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={MEMBER[status] ?? 'default'} variant="outlined">
      {t(`memberStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function useGenderLabel() {
  const { t } = useTranslation();
  return (gender: string | null | undefined) => {
    if (!gender) return '—';
    const g = gender.toLowerCase();
    if (g === 'male' || g === 'm' || g === '男') return t('gender.male');
    if (g === 'female' || g === 'f' || g === '女') return t('gender.female');
    return gender;
  };
}
