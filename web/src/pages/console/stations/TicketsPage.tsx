import { Button, Card, Checkbox, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TICKET_STATUSES,
  type Ticket,
  type TicketListQuery,
  type TicketStatus,
  useTickets,
} from '../../../api/stationTickets';
import '../../../i18n/station-tickets';
import '../../../i18n/stations-console';
import { formatDateTime } from '../../../lib/dates';
import { listPagination } from '../../../lib/list-pagination';
import { pagingFrom, useUrlState } from '../../../lib/url-state';
import { TicketDrawer } from './TicketDrawer';
import { KindTags, OverdueTag, TicketStatusTag } from './TicketTags';
import './stations-console.css';
import './station-tickets.css';

/**
 * 工单: tickets on the stations this user looks after (an operator: the stations they run; staff: their union
 * subtree), the most urgent first; filters and the open ticket (?ticket=ID) live in the URL.
 */
export default function TicketsPage() {
  const { t } = useTranslation();
  const [params, update] = useUrlState();
  const ids = { status: useId(), code: useId(), title: useId() };
  const { page, pageSize } = pagingFrom(params);
  const query: TicketListQuery = {
    status: TICKET_STATUSES.find((s) => s === params.get('status')),
    overdue: params.get('overdue') === '1' || undefined,
    stationCode: params.get('stationCode') ?? undefined,
    page,
    pageSize,
  };
  const [code, setCode] = useState(query.stationCode ?? '');
  const list = useTickets(query);
  const selected = params.get('ticket') ?? undefined;
  const open = (row: Ticket) => update({ ticket: row.id }, { keepPage: true });

  const columns: ColumnsType<Ticket> = [
    {
      title: t('stationTickets.list.colStation'),
      key: 'station',
      width: 260,
      render: (_, row) => (
        <div>
          <Button
            type="link"
            className="uc-ticket-open"
            aria-label={t('stationTickets.list.open', { name: row.station.name })}
            onClick={(e) => {
              e.stopPropagation();
              open(row);
            }}
          >
            {row.station.name}
          </Button>
          <div className="uc-mono">{row.station.code}</div>
        </div>
      ),
    },
    {
      title: t('stationTickets.list.colKinds'),
      dataIndex: 'kinds',
      render: (kinds: string[]) => <KindTags kinds={kinds} />,
    },
    { title: t('stationTickets.list.colReports'), dataIndex: 'reportCount', width: 100, align: 'right' },
    {
      title: t('stationTickets.list.colStatus'),
      dataIndex: 'status',
      width: 110,
      render: (v: TicketStatus) => <TicketStatusTag status={v} />,
    },
    {
      title: t('stationTickets.list.colOpened'),
      dataIndex: 'openedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('stationTickets.list.colDue'),
      key: 'due',
      width: 220,
      render: (_, row) => (
        <span>
          {formatDateTime(row.dueAt)} {row.overdue && <OverdueTag />}
        </span>
      ),
    },
  ];

  return (
    <section className="uc-stations" aria-labelledby={ids.title}>
      <Card size="small">
        <h1 id={ids.title} className="uc-page-title">
          {t('stationTickets.title')}
        </h1>
        <p className="uc-stations-intro">{t('stationTickets.intro')}</p>
        <Form layout="inline" className="uc-filters" onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('stationTickets.list.filterStatus')} htmlFor={ids.status}>
            <Select
              id={ids.status}
              className="uc-filter-select"
              value={query.status ?? ''}
              onChange={(v) => update({ status: v || undefined })}
              options={[
                { value: '', label: t('stationTickets.list.all') },
                ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`stationTickets.status.${s}`) })),
              ]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('stationTickets.list.stationCode')} htmlFor={ids.code}>
            <Input.Search
              id={ids.code}
              className="uc-filter-q"
              placeholder={t('stationTickets.list.stationCodePlaceholder')}
              value={code}
              maxLength={20}
              onChange={(e) => {
                setCode(e.target.value);
                if (!e.target.value) update({ stationCode: undefined });
              }}
              onSearch={(v) => update({ stationCode: v.trim().toUpperCase() || undefined })}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={Boolean(query.overdue)}
              onChange={(e) => update({ overdue: e.target.checked ? '1' : undefined })}
            >
              {t('stationTickets.list.overdueOnly')}
            </Checkbox>
          </Form.Item>
        </Form>
        <Table<Ticket>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          aria-labelledby={ids.title}
          locale={{ emptyText: list.isError ? list.error.message : t('stationTickets.list.empty') }}
          rowClassName={(row) => (row.overdue ? 'uc-ticket-overdue' : '')}
          onRow={(row) => ({ onClick: () => open(row), className: 'uc-clickable-row' })}
          scroll={{ x: 'max-content' }}
          pagination={listPagination(
            list.data,
            { page, pageSize },
            (total) => t('stationTickets.list.total', { total }),
            update,
          )}
        />
      </Card>
      <TicketDrawer id={selected} onClose={() => update({ ticket: undefined }, { keepPage: true })} />
    </section>
  );
}
