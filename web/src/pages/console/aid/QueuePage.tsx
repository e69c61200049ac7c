import { Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  AID_PERMISSIONS,
  type ClaimStatus,
  type QueueItem,
  type QueueName,
  type QueueQuery,
  useQueue,
  useSchemes,
} from '../../../api/aid';
import { can, useMe } from '../../../api/auth';
import { useUnions } from '../../../api/console';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import { buildUnionTree, type UnionNode } from '../../../lib/unionTree';
import './aid-console.css';
import { listPagination } from '../../../lib/list-pagination';
import { pagingFrom, useUrlState } from '../../../lib/url-state';
import { ClaimStatusTag, SlaTag } from './tags';

const STATUSES: ClaimStatus[] = ['draft', 'submitted', 'workplace_checked', 'approved', 'rejected', 'returned', 'paid'];
const AGES = [1, 3, 5, 10, 20];
type Tab = QueueName | 'all';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

const toOptions = (nodes: UnionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.union.id, title: n.union.name, children: toOptions(n.children) }));

/** 申报审核: the work queues of each level as tables, filters in the URL, ageing in working days against the SLA. */
export default function QueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useMe().data;
  const ids = { status: useId(), coverage: useId(), union: useId(), age: useId(), no: useId() };
  const [params, update] = useUrlState();

  const tabs = useMemo(() => {
    const list: Tab[] = [];
    if (can(user, AID_PERMISSIONS.check)) list.push('check');
    if (can(user, AID_PERMISSIONS.decide)) list.push('decide', 'secondReview');
    if (can(user, AID_PERMISSIONS.payouts)) list.push('payout');
    list.push('all');
    return list;
  }, [user]);
  const tabParam = params.get('queue') as Tab | null;
  const tab: Tab = tabParam && tabs.includes(tabParam) ? tabParam : tabs[0]!;
  const { page, pageSize } = pagingFrom(params);
  const status = STATUSES.find((s) => s === params.get('status'));
  const query: QueueQuery = {
    queue: tab === 'all' ? undefined : tab,
    status,
    coverage: params.get('coverage') ?? undefined,
    unionId: params.get('unionId') ?? undefined,
    minAgeDays: Number(params.get('minAgeDays')) || undefined,
    claimNo: params.get('claimNo') ?? undefined,
    page,
    pageSize,
  };
  const [claimNo, setClaimNo] = useState(query.claimNo ?? '');
  const queue = useQueue(query);
  const schemes = useSchemes();
  const unions = useUnions();
  const unionOptions = useMemo(() => toOptions(buildUnionTree(unions.data ?? [])), [unions.data]);

  const open = (row: QueueItem) =>
    navigate(`/console/aid/claims/${row.id}`, { state: { from: `/console/aid/claims?${params}` } });

  const money = (v: number | null) => <span className="uc-money-cell">{formatYuan(v)}</span>;
  const columns: ColumnsType<QueueItem> = [
    {
      title: t('aid.queue.colClaimNo'),
      dataIndex: 'claimNo',
      width: 140,
      render: (no: string, row) => (
        <Button
          type="link"
          className="uc-claim-link"
          aria-label={t('aid.queue.open', { no })}
          onClick={(e) => {
            e.stopPropagation();
            open(row);
          }}
        >
          <span className="uc-mono">{no}</span>
        </Button>
      ),
    },
    { title: t('aid.queue.colMember'), dataIndex: 'memberName', width: 90 },
    { title: t('aid.queue.colUnion'), dataIndex: 'unionName', width: 200, ellipsis: { showTitle: true } },
    { title: t('aid.queue.colCoverage'), dataIndex: ['coverage', 'name'], width: 130 },
    { title: t('aid.queue.colIncident'), dataIndex: 'incidentDate', width: 110, render: (v: string) => formatDate(v) },
    {
      title: t('aid.queue.colSubmitted'),
      dataIndex: 'submittedAt',
      width: 150,
      responsive: ['xl'],
      render: (v: string | null) => formatDateTime(v),
    },
    {
      title: t('aid.queue.colStatus'),
      dataIndex: 'status',
      width: 170,
      render: (s: ClaimStatus, row) => (
        <Space size={4} wrap>
          <ClaimStatusTag status={s} />
          {row.secondReview.required && s === 'workplace_checked' && (
            <Tag color="purple">
              {row.secondReview.firstApproved ? t('aid.queue.firstApprovedTag') : t('aid.queue.secondTag')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('aid.queue.colAge'),
      dataIndex: 'ageWorkingDays',
      width: 170,
      sorter: (a, b) => a.ageWorkingDays - b.ageWorkingDays,
      render: (age: number, row) => (
        <Space size={4} wrap>
          <span className="uc-age">{t('aid.queue.ageDays', { days: age })}</span>
          <SlaTag age={age} sla={row.slaDays} overdue={row.overdue} />
        </Space>
      ),
    },
    { title: t('aid.queue.colClaimed'), dataIndex: 'claimedLossFen', width: 120, align: 'right', render: money },
    { title: t('aid.queue.colApproved'), dataIndex: 'approvedAmountFen', width: 120, align: 'right', render: money },
  ];

  const coverageOptions = (schemes.data?.items ?? []).flatMap((s) =>
    s.coverages.map((c) => ({ value: c.code, label: c.name })),
  );

  return (
    <section className="uc-aid-queue" aria-labelledby="queue-title">
      <Card size="small">
        <h1 id="queue-title" className="uc-page-title">
          {t('aid.queue.title')}
        </h1>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ queue: key, status: undefined })}
          items={tabs.map((key) => ({ key, label: t(`aid.queue.tabs.${key}`) }))}
        />
        <Form layout="inline" className="uc-filters" onSubmitCapture={(e) => e.preventDefault()}>
          {tab === 'all' && (
            <Form.Item label={t('aid.queue.status')} htmlFor={ids.status}>
              <Select
                id={ids.status}
                className="uc-filter-select"
                value={status ?? ''}
                onChange={(v) => update({ status: v || undefined })}
                options={[
                  { value: '', label: t('aid.queue.all') },
                  ...STATUSES.map((s) => ({ value: s, label: t(`aid.status.${s}`) })),
                ]}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          )}
          <Form.Item label={t('aid.queue.coverage')} htmlFor={ids.coverage}>
            <Select
              id={ids.coverage}
              className="uc-filter-select"
              value={query.coverage ?? ''}
              onChange={(v) => update({ coverage: v || undefined })}
              options={[{ value: '', label: t('aid.queue.all') }, ...coverageOptions]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('aid.queue.union')} htmlFor={ids.union}>
            <TreeSelect
              id={ids.union}
              className="uc-filter-union"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder={t('aid.queue.unionPlaceholder')}
              value={query.unionId}
              onChange={(v?: string) => update({ unionId: v || undefined })}
              treeData={unionOptions}
              treeDefaultExpandAll
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('aid.queue.age')} htmlFor={ids.age}>
            <Select
              id={ids.age}
              className="uc-filter-select"
              value={query.minAgeDays ?? 0}
              onChange={(v) => update({ minAgeDays: v || undefined })}
              options={[
                { value: 0, label: t('aid.queue.ageAny') },
                ...AGES.map((d) => ({ value: d, label: t('aid.queue.ageAtLeast', { days: d }) })),
              ]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('aid.queue.claimNo')} htmlFor={ids.no}>
            <Input.Search
              id={ids.no}
              allowClear
              className="uc-filter-no"
              placeholder={t('aid.queue.claimNoPlaceholder')}
              value={claimNo}
              onChange={(e) => {
                setClaimNo(e.target.value);
                if (!e.target.value) update({ claimNo: undefined });
              }}
              onSearch={(v) => update({ claimNo: v.trim() || undefined })}
            />
          </Form.Item>
        </Form>
        <Table<QueueItem>
          className="uc-aid-queue-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isFetching}
          locale={{ emptyText: queue.isError ? queue.error.message : t('aid.queue.empty') }}
          onRow={(row) => ({
            onClick: () => open(row),
            className: row.overdue ? 'uc-clickable-row uc-row-overdue' : 'uc-clickable-row',
          })}
          scroll={{ x: 'max-content' }}
          pagination={listPagination(
            queue.data,
            { page, pageSize },
            (total) => t('aid.queue.total', { total }),
            update,
          )}
        />
      </Card>
    </section>
  );
}
