import { PrinterOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../api/auth';
import { STATION_PERMISSIONS, type StationDetail, signUrl, useStationDetail } from '../../../api/stationsConsole';
import { formatDateTime } from '../../../lib/dates';
import './stations-console.css';
import { InspectionsSection } from './Inspections';
import { StatusChangeModal } from './StatusChangeModal';
import { StationStatusTag } from './tags';

const VERIFIED = ['hours', 'amenities', 'location'] as const;

function Facts({ s }: { s: StationDetail }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`stationsConsole.detail.${key}`);
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        {
          key: 'code',
          label: k('code'),
          children: (
            <span className="uc-mono" data-testid="station-code">
              {s.code}
            </span>
          ),
        },
        { key: 'status', label: t('stationsConsole.list.colStatus'), children: <StationStatusTag status={s.status} /> },
        { key: 'address', label: k('address'), children: s.address },
        { key: 'region', label: k('region'), children: s.regionName ?? s.regionCode },
        { key: 'union', label: k('union'), children: s.union.name },
        { key: 'hostOrg', label: k('hostOrg'), children: s.hostOrg ?? '—' },
        { key: 'mode', label: k('mode'), children: t(`stationsConsole.mode.${s.managementMode}`) },
        { key: 'phone', label: k('phone'), children: s.phone ?? '—' },
        { key: 'hours', label: k('hours'), children: s.openingHoursText },
        {
          key: 'amenities',
          label: k('amenities'),
          children: s.amenities.length ? (
            <Space size={[4, 4]} wrap>
              {s.amenities.map((a) => (
                <Tag key={a}>{t(`stations.amenity.${a}`, { defaultValue: a })}</Tag>
              ))}
            </Space>
          ) : (
            k('noAmenities')
          ),
        },
        {
          key: 'verified',
          label: k('lastVerified'),
          children: (
            <ul className="uc-plain-list" data-testid="last-verified">
              {VERIFIED.map((f) => (
                <li key={f}>
                  {t(`stationsConsole.detail.verified.${f}`)}
                  {t('common.labelSeparator')}
                  {s.lastVerified[f] ? formatDateTime(s.lastVerified[f].at) : k('never')}
                </li>
              ))}
            </ul>
          ),
        },
        {
          key: 'operators',
          label: k('operators'),
          children: s.operators.length
            ? s.operators.map((o) => o.displayName).join(t('common.listSeparator'))
            : k('noOperators'),
        },
      ]}
    />
  );
}

/** One station for staff: its facts, last-verified dates, operators, status history; status change; the sign. */
export function StationDrawer({ code, onClose }: { code: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useMe().data;
  const detail = useStationDetail(code);
  const [changing, setChanging] = useState(false);
  const s = detail.data;
  const mayChange = can(user, STATION_PERMISSIONS.write) && (s?.allowed.nextStatuses.length ?? 0) > 0;

  let body: React.ReactNode;
  if (detail.isPending) body = <Skeleton active />;
  else if (detail.isError)
    body = (
      <Alert type="error" showIcon title={t('stationsConsole.detail.loadFailed')} description={detail.error.message} />
    );
  else {
    const st = detail.data;
    body = (
      <Flex vertical gap="middle">
        <Space wrap>
          {mayChange && (
            <Button type="primary" icon={<SwapOutlined />} onClick={() => setChanging(true)}>
              {t('stationsConsole.detail.changeStatus')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} href={signUrl(st.code)} target="_blank" rel="noopener">
            {t('stationsConsole.detail.printSign')}
          </Button>
          <Button type="link" href={`/s/${encodeURIComponent(st.code)}`} target="_blank" rel="noopener">
            {t('stationsConsole.detail.publicPage')}
          </Button>
        </Space>
        <Facts s={st} />
        <section aria-label={t('stationsConsole.detail.history')}>
          <Typography.Title level={5}>{t('stationsConsole.detail.history')}</Typography.Title>
          {st.history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              data-testid="status-history"
              items={[...st.history].reverse().map((h, i) => ({
                key: `${h.at}-${i}`,
                color: h.status === 'exited' ? 'red' : h.status === 'suspended' ? 'orange' : 'green',
                content: (
                  <div>
                    <StationStatusTag status={h.status} />{' '}
                    <Typography.Text type="secondary" className="uc-mono">
                      {formatDateTime(h.at)}
                    </Typography.Text>
                    <div>{h.reason ?? t('stationsConsole.detail.noReason')}</div>
                  </div>
                ),
              }))}
            />
          )}
        </section>
        <InspectionsSection code={st.code} mayRecord={st.allowed.update && st.status !== 'exited'} />
        {mayChange && (
          <StatusChangeModal
            code={st.code}
            next={st.allowed.nextStatuses}
            open={changing}
            onClose={() => setChanging(false)}
          />
        )}
      </Flex>
    );
  }

  return (
    <Drawer
      open={Boolean(code)}
      onClose={onClose}
      size={620}
      destroyOnHidden
      title={s ? `${t('stationsConsole.detail.title')} · ${s.name}` : t('stationsConsole.detail.title')}
      closable={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}
