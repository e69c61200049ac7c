import { Button, Card, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MemberQuery, useMembers } from '../../api/console';
import type { CardStatus, MemberRow, MemberStatus } from '../../api/types';
import { formatDate } from '../../lib/dates';
import { listPagination } from '../../lib/list-pagination';
import { pagingFrom, useUrlState } from '../../lib/url-state';
import { MemberDrawer } from './MemberDrawer';
import { CardStatusTag, MemberStatusTag } from './tags';
import { UnionTreePanel } from './UnionTreePanel';

const STATUSES: MemberStatus[] = ['active', 'transferred', 'left'];
const CARD_STATUSES: (CardStatus | 'none')[] = ['active', 'suspended', 'cancelled', 'none'];
function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** 会员管理: union tree on the left, filterable member table on the right, detail drawer on row click. */
export default function MembersPage() {
  const { t } = useTranslation();
  const ids = { q: useId(), status: useId(), card: useId() };
  // filters live in the URL so a view can be reloaded or shared with a colleague
  const [params, update] = useUrlState();
  const [openId, setOpenId] = useState<string | null>(null);

  const paging = pagingFrom(params);
  const query: MemberQuery = {
    unionId: params.get('unionId') ?? undefined,
    q: params.get('q') ?? undefined,
    status: oneOf(params.get('status'), STATUSES),
    cardStatus: oneOf(params.get('cardStatus'), CARD_STATUSES),
    ...paging,
  };
  const [text, setText] = useState(query.q ?? '');
  const members = useMembers(query);

  const columns: ColumnsType<MemberRow> = [
    {
      title: t('members.colName'),
      dataIndex: 'name',
      width: 96,
      render: (name: string, row) => (
        <Button
          type="link"
          className="uc-member-name"
          onClick={(e) => {
            e.stopPropagation();
            setOpenId(row.id);
          }}
          aria-label={t('members.openDetail', { name })}
        >
          {name}
        </Button>
      ),
    },
    { title: t('members.colPhone'), dataIndex: 'phone', width: 124, className: 'uc-mono' },
    {
      title: t('members.colIdNumber'),
      dataIndex: 'idNumberMasked',
      width: 178,
      render: (v: string) => <span className="uc-mono">{v}</span>,
    },
    { title: t('members.colUnion'), dataIndex: 'unionName', ellipsis: { showTitle: true }, width: 200 },
    {
      title: t('members.colStatus'),
      dataIndex: 'status',
      width: 96,
      render: (status: MemberStatus) => <MemberStatusTag status={status} />,
    },
    {
      title: t('members.colCard'),
      dataIndex: 'card',
      width: 160,
      render: (card: MemberRow['card']) =>
        card ? (
          <span className="uc-card-cell">
            <CardStatusTag status={card.status} />
            <span className="uc-mono uc-card-no">{card.cardNo}</span>
          </span>
        ) : (
          <CardStatusTag status="none" />
        ),
    },
    {
      title: t('members.colJoinedOn'),
      dataIndex: 'joinedOn',
      width: 110,
      responsive: ['xxl'],
      render: (v: string) => formatDate(v),
    },
  ];

  return (
    <div className="uc-members">
      <aside className="uc-members-tree">
        <UnionTreePanel selectedId={query.unionId} onSelect={(unionId) => update({ unionId })} />
      </aside>
      <section className="uc-members-main" aria-labelledby="members-title">
        <Card size="small">
          <h1 id="members-title" className="uc-page-title">
            {t('console.menu.members')}
          </h1>
          <Form layout="inline" className="uc-filters" onSubmitCapture={(e) => e.preventDefault()}>
            <Form.Item label={t('members.search')} htmlFor={ids.q}>
              <Input.Search
                id={ids.q}
                allowClear
                enterButton
                placeholder={t('members.searchPlaceholder')}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  if (!e.target.value) update({ q: undefined });
                }}
                onSearch={(value) => update({ q: value.trim() || undefined })}
                className="uc-filter-search"
              />
            </Form.Item>
            <Form.Item label={t('members.statusFilter')} htmlFor={ids.status}>
              <Select
                id={ids.status}
                className="uc-filter-select"
                value={query.status ?? ''}
                onChange={(v) => update({ status: v || undefined })}
                options={[
                  { value: '', label: t('members.all') },
                  ...STATUSES.map((s) => ({ value: s, label: t(`memberStatus.${s}`) })),
                ]}
              />
            </Form.Item>
            <Form.Item label={t('members.cardFilter')} htmlFor={ids.card}>
              <Select
                id={ids.card}
                className="uc-filter-select"
                value={query.cardStatus ?? ''}
                onChange={(v) => update({ cardStatus: v || undefined })}
                options={[
                  { value: '', label: t('members.all') },
                  ...CARD_STATUSES.map((s) => ({ value: s, label: t(`cardStatus.${s}`) })),
                ]}
              />
            </Form.Item>
          </Form>

          <Table<MemberRow>
            className="uc-members-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={members.data?.items ?? []}
            loading={members.isFetching}
            locale={{ emptyText: members.isError ? members.error.message : t('members.empty') }}
            onRow={(row) => ({ onClick: () => setOpenId(row.id), className: 'uc-clickable-row' })}
            scroll={{ x: 'max-content' }}
            pagination={listPagination(
              members.data,
              paging,
              (total) => t('members.total', { total }),
              (next) => update({ page: undefined, ...next }),
            )}
          />
        </Card>
      </section>
      <MemberDrawer memberId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
