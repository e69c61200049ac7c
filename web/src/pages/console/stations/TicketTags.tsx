import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InboxOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../api/stationTickets';

// Dark text on antd's pale status backgrounds: the preset tag colours fall short of 4.5:1 contrast (axe checks it).
const tone = (color: string, background: string, borderColor: string) => ({ color, background, borderColor });
const STYLE = {
  open: { icon: <InboxOutlined />, style: tone('#7a4100', '#fffbe6', '#ffe58f') },
  in_progress: { icon: <SyncOutlined />, style: tone('#0b3d91', '#e6f4ff', '#91caff') },
  resolved: { icon: <CheckCircleFilled />, style: tone('#1f5209', '#f6ffed', '#b7eb8f') },
  rejected: { icon: <CloseCircleFilled />, style: tone('#33373d', '#f5f5f5', '#d9d9d9') },
} as const;
const LATE = tone('#9a0a17', '#fff2f0', '#ffccc7');

/** A ticket's status with icon and words (never colour alone). */
export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  const style = STYLE[status] ?? STYLE.open;
  return (
    <Tag icon={style.icon} style={style.style} data-status={status}>
      {t(`stationTickets.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** "Overdue", spelt out with an icon beside the due time. */
export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag icon={<ExclamationCircleFilled />} style={LATE} data-testid="overdue">
      {t('stationTickets.list.overdue')}
    </Tag>
  );
}

/** The kinds of problems reported, one tag each. */
export function KindTags({ kinds }: { kinds: string[] }) {
  const { t } = useTranslation();
  return (
    <span className="uc-ticket-kinds">
      {kinds.map((k) => (
        <Tag key={k} data-kind={k}>
          {t(`stationTickets.kind.${k}`, { defaultValue: k })}
        </Tag>
      ))}
    </span>
  );
}
