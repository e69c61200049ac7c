import { TrophyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../api/auth';
import {
  type Campaign,
  type RankedStation,
  STATION_PERMISSIONS,
  useCampaignRanking,
  useCampaigns,
  usePublishCampaign,
} from '../../../api/stationsConsole';
import '../../../i18n/stations-console';
import { formatDate } from '../../../lib/dates';
import './stations-console.css';
import { useUrlState } from '../../../lib/url-state';

type View = 'winners' | 'results';

function Stars({ n }: { n: number }) {
  const { t } = useTranslation();
  return (
    <span className="uc-stars">
      <span aria-hidden="true">{'★'.repeat(n)}</span> {t('stationsConsole.awards.stars', { n })}
    </span>
  );
}

function CampaignFacts({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`stationsConsole.awards.${key}`);
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'phase',
          label: k('phase'),
          children: (
            <Space size={4}>
              <Tag>{t(`stationsConsole.awards.phases.${c.phase}`)}</Tag>
              <Tag color={c.published ? 'success' : 'default'} data-testid="published">
                {k(c.published ? 'published' : 'unpublished')}
              </Tag>
            </Space>
          ),
        },
        {
          key: 'weights',
          label: k('weights'),
          children: t('stationsConsole.awards.weightsText', { pub: c.publicWeight, jury: c.juryWeight }),
        },
        {
          key: 'nom',
          label: k('nomination'),
          children: `${formatDate(c.nominationFrom)} – ${formatDate(c.nominationTo)}`,
        },
        { key: 'vote', label: k('voting'), children: `${formatDate(c.votingFrom)} – ${formatDate(c.votingTo)}` },
      ]}
    />
  );
}

/** 最美驿站: a campaign's published winners; campaign staff also see the full ranking and publish it once closed. */
export default function AwardsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const user = useMe().data;
  const selectId = useId();
  const [params, update] = useUrlState();
  const campaigns = useCampaigns();
  const staff = can(user, STATION_PERMISSIONS.awards);
  const list = campaigns.data ?? [];
  const campaign = list.find((c) => c.id === params.get('campaign')) ?? list[0];
  const view: View = staff && params.get('view') === 'results' ? 'results' : 'winners';
  const ranking = useCampaignRanking(campaign?.id, view, view === 'results' || Boolean(campaign?.published));
  const publish = usePublishCampaign();

  const set = (changes: Record<string, string>) => update(changes, { keepPage: true });

  const onPublish = (c: Campaign) =>
    modal.confirm({
      title: t('stationsConsole.awards.publishConfirm', { name: c.name }),
      content: t('stationsConsole.awards.publishHint'),
      okText: t('stationsConsole.awards.publish'),
      onOk: () =>
        publish
          .mutateAsync(c.id)
          .then(() => void message.success(t('stationsConsole.awards.publishDone')))
          .catch((err: Error) => void message.error(err.message)),
    });

  const columns: ColumnsType<RankedStation> = [
    { title: t('stationsConsole.awards.colRank'), dataIndex: 'rank', width: 70 },
    {
      title: t('stationsConsole.awards.colStars'),
      dataIndex: 'stars',
      width: 170,
      render: (n: number) => <Stars n={n} />,
    },
    { title: t('stationsConsole.awards.colName'), dataIndex: 'name', width: 220 },
    {
      title: t('stationsConsole.awards.colCode'),
      dataIndex: 'code',
      width: 150,
      render: (v: string) => <span className="uc-mono">{v}</span>,
    },
    {
      title: t('stationsConsole.awards.colTotal'),
      dataIndex: 'total',
      width: 90,
      align: 'right',
      render: (v: number) => v.toFixed(1),
    },
    { title: t('stationsConsole.awards.colVotes'), dataIndex: 'votes', width: 90, align: 'right' },
    ...(view === 'results'
      ? ([
          { title: t('stationsConsole.awards.colFlagged'), dataIndex: 'flaggedVotes', width: 110, align: 'right' },
          { title: t('stationsConsole.awards.colJurors'), dataIndex: 'jurors', width: 90, align: 'right' },
        ] as ColumnsType<RankedStation>)
      : []),
  ];

  return (
    <section className="uc-stations" aria-labelledby="awards-title">
      <Card size="small">
        <h1 id="awards-title" className="uc-page-title">
          <TrophyOutlined aria-hidden="true" /> {t('stationsConsole.awards.title')}
        </h1>
        {campaigns.isError && <Alert type="error" showIcon title={campaigns.error.message} />}
        {!campaigns.isPending && list.length === 0 ? (
          <Empty description={t('stationsConsole.awards.noCampaign')} />
        ) : (
          <>
            <Space className="uc-mb" wrap>
              <label htmlFor={selectId}>{t('stationsConsole.awards.campaign')}</label>
              <Select
                id={selectId}
                className="uc-campaign-select"
                loading={campaigns.isPending}
                value={campaign?.id}
                onChange={(v: string) => set({ campaign: v })}
                options={list.map((c) => ({ value: c.id, label: c.name }))}
                popupMatchSelectWidth={false}
              />
              {staff && campaign && campaign.phase === 'closed' && !campaign.published && (
                <Button type="primary" onClick={() => onPublish(campaign)} loading={publish.isPending}>
                  {t('stationsConsole.awards.publish')}
                </Button>
              )}
            </Space>
            {campaign && <CampaignFacts c={campaign} />}
            {staff && (
              <Tabs
                activeKey={view}
                onChange={(key) => set({ view: key })}
                items={(['winners', 'results'] as const).map((key) => ({
                  key,
                  label: t(`stationsConsole.awards.tabs.${key}`),
                }))}
              />
            )}
            {view === 'winners' && campaign && !campaign.published ? (
              <Alert type="info" showIcon title={t('stationsConsole.awards.notPublished')} />
            ) : (
              <Table<RankedStation>
                rowKey="code"
                size="middle"
                data-testid={`ranking-${view}`}
                columns={columns}
                dataSource={ranking.data ?? []}
                loading={ranking.isFetching}
                locale={{
                  emptyText: ranking.isError
                    ? ranking.error.message
                    : t(view === 'winners' ? 'stationsConsole.awards.noWinners' : 'stationsConsole.awards.noNominees'),
                }}
                scroll={{ x: 'max-content' }}
                pagination={false}
              />
            )}
          </>
        )}
      </Card>
    </section>
  );
}
