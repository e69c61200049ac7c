import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, List, Row, Space, Statistic, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { activitiesReportXlsxUrl, useActivities, usePeriodReport } from '../../../api/care';
import { formatDate } from '../../../lib/dates';
import { downloadFromApi } from '../../../lib/download';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityModal } from './ActivityForm';
import { ActivityMap } from './ActivityMap';
import { CarePageHead, NewButton, useCanManageCare } from './CareBits';
import './care-console.css';

const KIND_COLOR: Record<string, string> = {
  summer_relief: 'volcano',
  winter_warmth: 'blue',
  festival_visit: 'red',
  health: 'green',
  other: 'default',
};

/** 关爱活动: the month's activities as a calendar list beside a map of their places, with the period report. */
export default function ActivitiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCanManageCare();
  const [params, setParams] = useSearchParams();
  const month = dayjs(params.get('month') ?? undefined).isValid() ? dayjs(params.get('month') ?? undefined) : dayjs();
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const list = useActivities(from, to);
  const period = usePeriodReport(from, to);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const activities = [...(list.data ?? [])].sort((a, b) => a.startsOn.localeCompare(b.startsOn));

  const exportXlsx = () => {
    setExporting(true);
    downloadFromApi(activitiesReportXlsxUrl(from, to), `activities-${from}.xlsx`)
      .then((name) => void message.success(t('care.common.exported', { name })))
      .catch((err: Error) => void message.error(err.message))
      .finally(() => setExporting(false));
  };

  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.activity.title')}>
        <Space wrap>
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            aria-label={t('care.activity.month')}
            onChange={(d) => d && setParams({ month: d.format('YYYY-MM') }, { replace: true })}
          />
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting}>
            {t('care.activity.export')}
          </Button>
          {canManage && <NewButton label={t('care.activity.new')} onClick={() => setCreating(true)} />}
        </Space>
      </CarePageHead>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('care.activity.calendar', { month: month.format('YYYY-MM') })}>
            <Space size="large" wrap className="uc-mb">
              <Statistic title={t('care.activity.count')} value={period.data?.activities.length ?? activities.length} />
              <Statistic title={t('care.activity.peopleReached')} value={period.data?.peopleReached ?? 0} />
              <Statistic
                title={t('care.activity.handedOut')}
                value={(period.data?.byItem ?? []).reduce((s, i) => s + i.quantity, 0)}
              />
            </Space>
            {activities.length === 0 ? (
              <Empty description={t('care.activity.none')} />
            ) : (
              <List
                loading={list.isFetching}
                dataSource={activities}
                renderItem={(a) => (
                  <List.Item
                    actions={[
                      <Button
                        key="open"
                        type="link"
                        onClick={() => setOpenId(a.id)}
                        aria-label={t('care.activity.openFor', { title: a.title })}
                      >
                        {t('care.common.open')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap>
                          <time dateTime={a.startsOn} className="uc-care-date">
                            {a.startsOn === a.endsOn
                              ? formatDate(a.startsOn)
                              : `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`}
                          </time>
                          {a.title}
                          <Tag color={KIND_COLOR[a.kind]}>{t(`care.activityKind.${a.kind}`)}</Tag>
                        </Space>
                      }
                      description={t('care.activity.line', {
                        union: a.unionName,
                        places: a.places.length,
                        people: a.peopleReached,
                        items: a.itemsHandedOut,
                      })}
                    />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('care.activity.map')}>
            <ActivityMap activities={activities} label={t('care.activity.mapLabel')} onOpen={setOpenId} />
          </Card>
        </Col>
      </Row>
      <ActivityDrawer id={openId} canManage={canManage} onClose={() => setOpenId(null)} />
      <ActivityModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpenId(id);
        }}
      />
    </div>
  );
}
