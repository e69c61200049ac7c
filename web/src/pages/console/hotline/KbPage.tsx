import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnswerSummary, useAnswers, useKbSearch, useUnansweredReport } from '../../../api/hotline';
import { formatDateTime } from '../../../lib/dates';
import { AnswerEditor } from './AnswerEditor';
import { beijingToday } from './CallerPrecheck';
import { useDebounced } from './KbSearch';
import { SynonymsCard } from './SynonymsCard';
import './hotline.css';

type Status = 'active' | 'archived' | 'all';

function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

function AnswersTab({ onNew }: { onNew: (q: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('active');
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const q = useDebounced(text, 250);
  const list = useAnswers({ status, page, pageSize: 20 });
  const search = useKbSearch(q);
  const searching = q.trim().length > 0;

  const rows: AnswerSummary[] = searching
    ? (search.data?.items ?? []).map((i) => ({
        id: i.id,
        title: i.title,
        tags: i.tags,
        coverages: i.coverages,
        status: 'active',
        updatedAt: '',
      }))
    : (list.data?.items ?? []);

  const columns: ColumnsType<AnswerSummary> = [
    {
      title: t('hotline.kb.title'),
      dataIndex: 'title',
      render: (v: string, r) => (
        <Button type="link" className="uc-title-link" onClick={() => setEditing(r.id)}>
          {v}
        </Button>
      ),
    },
    {
      title: t('hotline.kb.coverages'),
      dataIndex: 'coverages',
      render: (v: AnswerSummary['coverages']) =>
        v.map((c) => (
          <Tag key={c.id} color="red">
            {c.name}
          </Tag>
        )),
    },
    { title: t('hotline.kb.tags'), dataIndex: 'tags', render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
    {
      title: t('hotline.kb.status'),
      dataIndex: 'status',
      render: (v: AnswerSummary['status']) => (
        <Tag color={v === 'active' ? 'success' : 'default'}>{t(`hotline.kb.statusValue.${v}`)}</Tag>
      ),
    },
    { title: t('hotline.kb.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => (v ? formatDateTime(v) : '') },
  ];

  return (
    <>
      <div className="uc-page-bar">
        <Input.Search
          allowClear
          className="uc-kb-filter"
          style={{ maxWidth: 360 }}
          placeholder={t('hotline.kb.searchPlaceholder')}
          aria-label={t('hotline.kb.searchPlaceholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Segmented<Status>
          value={status}
          disabled={searching}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['active', 'archived', 'all'] as const).map((s) => ({
            value: s,
            label: t(`hotline.kb.statusValue.${s}`),
          }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onNew(text)}>
          {t('hotline.kb.newAnswer')}
        </Button>
      </div>
      {searching && search.data && (
        <Typography.Text type="secondary">
          {t('hotline.operator.terms')}
          {t('common.labelSeparator')}
          {search.data.terms.join(' ')}
        </Typography.Text>
      )}
      <Table
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={searching ? search.isFetching : list.isFetching}
        pagination={
          searching
            ? false
            : { current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }
        }
        data-testid="kb-answers"
      />
      {editing && <AnswerEditor id={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

/** The questions callers asked that the knowledge base could not answer (searches that found nothing, referrals). */
export function UnansweredCard({
  range,
  onWrite,
}: {
  range?: { from: string; to: string };
  onWrite?: (query: string) => void;
}) {
  const { t } = useTranslation();
  const query = range ?? { from: daysAgo(30), to: beijingToday() };
  const report = useUnansweredReport(query);
  return (
    <Card size="small" title={t('hotline.unanswered.title', query)} data-testid="unanswered">
      <Table
        size="small"
        rowKey="query"
        loading={report.isPending}
        dataSource={report.data?.searches}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: t('hotline.unanswered.query'), dataIndex: 'query' },
          { title: t('hotline.unanswered.count'), dataIndex: 'count', align: 'right', width: 100 },
          { title: t('hotline.unanswered.lastAt'), dataIndex: 'lastAt', render: (v: string) => formatDateTime(v) },
          ...(onWrite
            ? [
                {
                  key: 'write',
                  title: '',
                  render: (_: unknown, r: { query: string }) => (
                    <Button size="small" onClick={() => onWrite(r.query)}>
                      {t('hotline.unanswered.write')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {(report.data?.referred.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('hotline.unanswered.referred')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            dataSource={report.data?.referred}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('hotline.today.time'), dataIndex: 'startedAt', render: (v: string) => formatDateTime(v) },
              {
                title: t('hotline.today.topic'),
                dataIndex: 'topic',
                render: (v: string | null) => (v ? t(`hotline.topic.${v}`) : '—'),
              },
              { title: t('hotline.operator.question'), dataIndex: 'question', render: (v: string | null) => v ?? '—' },
              { title: t('hotline.today.union'), dataIndex: 'unionName' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 知识库: answers (search, edit, archive), synonyms, and the questions still without an answer. */
export default function KbPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('answers');
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    document.title = `${t('hotline.menu.kb')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div className="uc-kb-page">
      <div className="uc-page-bar">
        <h1>{t('hotline.menu.kb')}</h1>
      </div>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'answers',
              label: t('hotline.kb.answersTab'),
              children: <AnswersTab onNew={() => setCreating(true)} />,
            },
            { key: 'synonyms', label: t('hotline.kb.synonymsTab'), children: <SynonymsCard /> },
            {
              key: 'unanswered',
              label: t('hotline.kb.unansweredTab'),
              children: <UnansweredCard onWrite={() => setCreating(true)} />,
            },
          ]}
        />
      </Card>
      {creating && <AnswerEditor id="new" onClose={() => setCreating(false)} />}
    </div>
  );
}
