import { Badge, Button, Card, Empty, List, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import {
  type ConsultationRow,
  type FollowUp,
  useConsultations,
  useFollowUpDone,
  useFollowUps,
} from '../../../api/hotline';
import { formatDateTime } from '../../../lib/dates';
import { formatDuration } from './CallerCard';
import { beijingToday } from './CallerPrecheck';

function FollowUpList({ items, loading }: { items: FollowUp[]; loading: boolean }) {
  const { t } = useTranslation();
  const done = useFollowUpDone();
  return (
    <List
      size="small"
      loading={loading}
      dataSource={items}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotline.today.noFollowUps')} />,
      }}
      renderItem={(f) => (
        <List.Item
          data-testid="follow-up"
          actions={[
            <Button
              key="done"
              size="small"
              onClick={() => done.mutate({ id: f.id })}
              loading={done.isPending && done.variables?.id === f.id}
            >
              {t('hotline.today.done')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={
              <span>
                {f.overdue && <Tag color="error">{t('hotline.today.overdue')}</Tag>}
                {f.memberName ?? f.callerPhoneMasked} · {t('hotline.today.dueAt', { at: formatDateTime(f.dueAt) })}
              </span>
            }
            description={f.note}
          />
        </List.Item>
      )}
    />
  );
}

interface Props {
  /** The consultation on the operator's screen, if any. */
  currentId: string | null;
  /** Take up a call still in progress: continue it or end it. */
  onOpen: (id: string) => void;
}

/**
 * The operator's day: today's consultations (one still in progress opens on the screen), open follow-ups (overdue
 * first, in red).
 */
export function TodayPanel({ currentId, onOpen }: Props) {
  const { t } = useTranslation();
  const today = beijingToday();
  const consultations = useConsultations({ from: today, to: today, state: 'all', page: 1, pageSize: 50 });
  const overdue = useFollowUps('overdue');
  const open = useFollowUps('open');

  const columns: ColumnsType<ConsultationRow> = [
    { title: t('hotline.today.time'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v).slice(11) },
    {
      title: t('hotline.today.caller'),
      key: 'caller',
      render: (_, r) => r.memberName ?? r.callerPhoneMasked,
    },
    { title: t('hotline.today.union'), dataIndex: 'unionName', ellipsis: true },
    {
      title: t('hotline.today.topic'),
      dataIndex: 'topic',
      render: (v: ConsultationRow['topic']) => (v ? t(`hotline.topic.${v}`) : '—'),
    },
    {
      title: t('hotline.today.outcome'),
      dataIndex: 'outcome',
      render: (v: ConsultationRow['outcome'], r) =>
        v ? (
          <Tag>{t(`hotline.outcome.${v}`)}</Tag>
        ) : (
          <span className="uc-today-open-cell">
            <Tag color="processing">{t('hotline.today.inProgress')}</Tag>
            {r.id === currentId ? (
              <Typography.Text type="secondary">{t('hotline.today.onScreen')}</Typography.Text>
            ) : (
              <Button
                type="link"
                size="small"
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(r.id);
                }}
                data-testid="open-call"
              >
                {t('hotline.today.open')}
              </Button>
            )}
          </span>
        ),
    },
    {
      title: t('hotline.today.duration'),
      dataIndex: 'durationSeconds',
      align: 'right',
      render: (v: number | null) => formatDuration(v),
    },
    { title: t('hotline.today.operator'), dataIndex: 'operatorName', ellipsis: true },
  ];

  const overdueCount = overdue.data?.total ?? 0;
  return (
    <Card size="small" className="uc-today" data-testid="today-panel">
      <Tabs
        size="small"
        items={[
          {
            key: 'today',
            label: t('hotline.today.consultations', { count: consultations.data?.total ?? 0 }),
            children: (
              <Table
                size="small"
                rowKey="id"
                columns={columns}
                dataSource={consultations.data?.items}
                loading={consultations.isPending}
                pagination={false}
                scroll={{ y: 220 }}
                rowClassName={(r) => (!r.outcome && r.id !== currentId ? 'uc-today-row-open' : '')}
                onRow={(r) => (!r.outcome && r.id !== currentId ? { onClick: () => onOpen(r.id) } : {})}
                data-testid="today-consultations"
              />
            ),
          },
          {
            key: 'overdue',
            label: (
              <Badge count={overdueCount} size="small" offset={[8, -2]}>
                <span>{t('hotline.today.overdueTab')}</span>
              </Badge>
            ),
            children: <FollowUpList items={overdue.data?.items ?? []} loading={overdue.isPending} />,
          },
          {
            key: 'open',
            label: t('hotline.today.openTab', { count: open.data?.total ?? 0 }),
            children: <FollowUpList items={open.data?.items ?? []} loading={open.isPending} />,
          },
        ]}
      />
      {consultations.isError && <Typography.Text type="danger">{consultations.error.message}</Typography.Text>}
    </Card>
  );
}
