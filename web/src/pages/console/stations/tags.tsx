import { CheckCircleFilled, ClockCircleOutlined, MinusCircleFilled, PauseCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../../api/stationsConsole';

const STYLE = {
  planned: { color: 'default', icon: <ClockCircleOutlined /> },
  active: { color: 'success', icon: <CheckCircleFilled /> },
  suspended: { color: 'warning', icon: <PauseCircleFilled /> },
  exited: { color: 'error', icon: <MinusCircleFilled /> },
} as const;

/** A station's life-cycle status with icon and words (never colour alone). */
export function StationStatusTag({ status }: { status: StationStatus }) {
  const { t } = useTranslation();
  const style = STYLE[status] ?? STYLE.planned;
  return (
    <Tag color={style.color} icon={style.icon} data-status={status}>
      {t(`stationsConsole.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
