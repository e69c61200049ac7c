import { Button, Card, Form, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AMENITIES,
  BEIJING_DISTRICTS,
  MANAGEMENT_MODES,
  type ManagementMode,
  STATION_STATUSES,
  type StationListItem,
  type StationListQuery,
  type StationStatus,
  useStationList,
} from '../../../api/stationsConsole';
import '../../../i18n/stations-console';
import { formatDateTime } from '../../../lib/dates';
import { listPagination } from '../../../lib/list-pagination';
import { pagingFrom, useUrlState } from '../../../lib/url-state';
import { StationDrawer } from './StationDrawer';
import './stations-console.css';
import { StationStatusTag } from './tags';

/** 站点管理: the stations of the user's subtree, filters in the URL, the detail in a drawer (?station=CODE). */
export default function StationsPage() {
  const { t } = useTranslation();
  const [params, update] = useUrlState();
  const ids = { region: useId(), status: useId(), mode: useId(), amenity: useId(), q: useId() };
  const { page, pageSize } = pagingFrom(params);
  const amenities = (params.get('amenity') ?? '').split(',').filter(Boolean);
  const query: StationListQuery = {
    regionCode: params.get('regionCode') ?? undefined,
    status: STATION_STATUSES.find((s) => s === params.get('status')),
    managementMode: MANAGEMENT_MODES.find((m) => m === params.get('managementMode')),
    amenity: amenities.join(',') || undefined,
    q: params.get('q') ?? undefined,
    page,
    pageSize,
  };
  const [q, setQ] = useState(query.q ?? '');
  const list = useStationList(query);
  const selected = params.get('station') ?? undefined;

  const open = (row: StationListItem) => update({ station: row.code }, { keepPage: true });
  const all = { value: '', label: t('stationsConsole.list.all') };

  const columns: ColumnsType<StationListItem> = [
    {
      title: t('stationsConsole.list.colCode'),
      dataIndex: 'code',
      width: 150,
      render: (code: string, row) => (
        <Button
          type="link"
          aria-label={t('stationsConsole.list.open', { name: row.name })}
          onClick={(e) => {
            e.stopPropagation();
            open(row);
          }}
        >
          <span className="uc-mono">{code}</span>
        </Button>
      ),
    },
    { title: t('stationsConsole.list.colName'), dataIndex: 'name', width: 220, ellipsis: { showTitle: true } },
    {
      title: t('stationsConsole.list.colRegion'),
      dataIndex: 'regionCode',
      width: 100,
      render: (v: string) => t(`stationsConsole.region.${v}`, { defaultValue: v }),
    },
    { title: t('stationsConsole.list.colUnion'), dataIndex: 'unionName', width: 180, ellipsis: { showTitle: true } },
    {
      title: t('stationsConsole.list.colMode'),
      dataIndex: 'managementMode',
      width: 110,
      render: (v: ManagementMode) => t(`stationsConsole.mode.${v}`),
    },
    {
      title: t('stationsConsole.list.colStatus'),
      dataIndex: 'status',
      width: 110,
      render: (v: StationStatus) => <StationStatusTag status={v} />,
    },
    {
      title: t('stationsConsole.list.colHours'),
      dataIndex: 'openingHoursText',
      width: 200,
      ellipsis: { showTitle: true },
      responsive: ['xl'],
    },
    {
      title: t('stationsConsole.list.colUpdated'),
      dataIndex: 'updatedAt',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <section className="uc-stations" aria-labelledby="stations-title">
      <Card size="small">
        <h1 id="stations-title" className="uc-page-title">
          {t('stationsConsole.list.title')}
        </h1>
        <Form layout="inline" className="uc-filters" onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('stationsConsole.list.region')} htmlFor={ids.region}>
            <Select
              id={ids.region}
              className="uc-filter-select"
              value={query.regionCode ?? ''}
              onChange={(v) => update({ regionCode: v || undefined })}
              options={[all, ...BEIJING_DISTRICTS.map((c) => ({ value: c, label: t(`stationsConsole.region.${c}`) }))]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('stationsConsole.list.status')} htmlFor={ids.status}>
            <Select
              id={ids.status}
              className="uc-filter-select"
              value={query.status ?? ''}
              onChange={(v) => update({ status: v || undefined })}
              options={[all, ...STATION_STATUSES.map((s) => ({ value: s, label: t(`stationsConsole.status.${s}`) }))]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('stationsConsole.list.mode')} htmlFor={ids.mode}>
            <Select
              id={ids.mode}
              className="uc-filter-select"
              value={query.managementMode ?? ''}
              onChange={(v) => update({ managementMode: v || undefined })}
              options={[all, ...MANAGEMENT_MODES.map((m) => ({ value: m, label: t(`stationsConsole.mode.${m}`) }))]}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('stationsConsole.list.amenity')} htmlFor={ids.amenity}>
            <Select
              id={ids.amenity}
              mode="multiple"
              allowClear
              className="uc-filter-amenity"
              placeholder={t('stationsConsole.list.amenityPlaceholder')}
              value={amenities}
              onChange={(v: string[]) => update({ amenity: v.join(',') || undefined })}
              options={AMENITIES.map((a) => ({ value: a, label: t(`stations.amenity.${a}`) }))}
              maxTagCount="responsive"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item label={t('stationsConsole.list.search')} htmlFor={ids.q}>
            <Input.Search
              id={ids.q}
              allowClear
              className="uc-filter-q"
              placeholder={t('stationsConsole.list.searchPlaceholder')}
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                if (!e.target.value) update({ q: undefined });
              }}
              onSearch={(v) => update({ q: v.trim() || undefined })}
            />
          </Form.Item>
        </Form>
        <Table<StationListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: list.isError ? list.error.message : t('stationsConsole.list.empty') }}
          onRow={(row) => ({ onClick: () => open(row), className: 'uc-clickable-row' })}
          scroll={{ x: 'max-content' }}
          pagination={listPagination(
            list.data,
            { page, pageSize },
            (total) => t('stationsConsole.list.total', { total }),
            update,
          )}
        />
      </Card>
      <StationDrawer code={selected} onClose={() => update({ station: undefined }, { keepPage: true })} />
    </section>
  );
}
