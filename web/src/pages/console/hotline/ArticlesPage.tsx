import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ArticleStatus, type ArticleSummary, useManagedArticles, usePublishArticle } from '../../../api/articles';
import { ApiError } from '../../../api/client';
import { formatDateTime } from '../../../lib/dates';
import { ArticleEditor, ArticleStatusTag } from './ArticleEditor';
import './hotline.css';

type Filter = ArticleStatus | 'all';

/** 宣传文章: the articles of the staff member's subtree with their status and read counts; write, publish, withdraw. */
export default function ArticlesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<string | null>(null);
  const list = useManagedArticles({ status: filter === 'all' ? undefined : filter, page, pageSize: 20 });
  const publish = usePublishArticle();

  useEffect(() => {
    document.title = `${t('hotline.menu.articles')} · ${t('app.name')}`;
  }, [t]);

  const columns: ColumnsType<ArticleSummary> = [
    {
      title: t('hotline.articles.title'),
      dataIndex: 'title',
      width: '32%',
      render: (v: string, r) => (
        <Button type="link" className="uc-title-link" onClick={() => setEditing(r.id)}>
          {v}
        </Button>
      ),
    },
    { title: t('hotline.articles.publisher'), dataIndex: 'publisher', ellipsis: true },
    { title: t('hotline.articles.target'), dataIndex: ['targetUnion', 'name'], ellipsis: true },
    {
      title: t('hotline.articles.cta'),
      dataIndex: 'cta',
      render: (v: ArticleSummary['cta']) =>
        v ? `${t(`hotline.articles.ctaKind.${v.kind}`)}${t('common.labelSeparator')}${v.label}` : '—',
    },
    {
      title: t('hotline.articles.statusTitle'),
      dataIndex: 'status',
      render: (v: ArticleStatus) => <ArticleStatusTag status={v} />,
    },
    {
      title: t('hotline.articles.publishedAt'),
      dataIndex: 'publishedAt',
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('hotline.articles.readCount'),
      dataIndex: 'readCount',
      align: 'right',
      sorter: (a, b) => a.readCount - b.readCount,
    },
    {
      key: 'actions',
      title: '',
      render: (_, r) => (
        <Button
          size="small"
          loading={publish.isPending && publish.variables?.id === r.id}
          onClick={() =>
            publish.mutate(
              { id: r.id, publish: r.status !== 'published' },
              { onError: (err) => message.error(err instanceof ApiError ? err.message : t('common.network')) },
            )
          }
        >
          {r.status === 'published' ? t('hotline.articles.unpublish') : t('hotline.articles.publish')}
        </Button>
      ),
    },
  ];

  return (
    <div className="uc-articles-page">
      <div className="uc-page-bar">
        <h1>{t('hotline.menu.articles')}</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('hotline.articles.new')}
        </Button>
      </div>
      <Card size="small">
        <Segmented<Filter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={(['all', 'draft', 'published', 'unpublished'] as const).map((s) => ({
            value: s,
            label: s === 'all' ? t('hotline.articles.all') : t(`hotline.articles.status.${s}`),
          }))}
        />
        <Table
          className="uc-gap-top"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          data-testid="articles-table"
        />
      </Card>
      {editing && <ArticleEditor id={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
