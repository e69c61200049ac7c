import { EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, InputNumber, Popconfirm, Select, Space, Table, Tabs, Tag } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CareItem,
  MOVEMENT_KINDS,
  type Movement,
  type MovementKind,
  type StockRow,
  useCareItems,
  useMovements,
  useSetThreshold,
  useStock,
} from '../../../api/care';
import { formatDateTime } from '../../../lib/dates';
import { CarePageHead, ItemSelect, LowStockTag, signed, UnionSelect, useCanManageCare } from './CareBits';
import { CorrectionModal, ItemModal, ReceiptModal } from './StockForms';
import './care-console.css';
import { useUrlState } from '../../../lib/url-state';

const KIND_COLOR: Record<MovementKind, string> = {
  receipt: 'green',
  transfer_out: 'orange',
  transfer_in: 'cyan',
  handover: 'blue',
  return: 'purple',
  correction: 'gold',
};

/** `receipt:<uuid>` as 入库单 · 01a225f9 (the full reference stays in the title for copying). */
function refLabel(ref: string | null, t: (key: string, o?: Record<string, unknown>) => string) {
  if (!ref) return '—';
  const [kind, id] = ref.split(':');
  if (!id) return ref;
  return (
    <span title={ref}>
      {t(`care.ref.${kind}`, { defaultValue: kind })} · <span className="uc-mono">{id.slice(0, 8)}</span>
    </span>
  );
}

function ThresholdEditor({ row }: { row: StockRow }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const set = useSetThreshold();
  const [value, setValue] = useState<number | null>(row.lowStockThreshold);
  return (
    <Popconfirm
      title={t('care.stock.thresholdFor', { item: row.itemName, union: row.unionName })}
      description={
        <InputNumber
          min={0}
          precision={0}
          value={value}
          onChange={setValue}
          aria-label={t('care.stock.threshold')}
          placeholder={t('care.stock.noThreshold')}
        />
      }
      okText={t('care.common.save')}
      onConfirm={() =>
        set.mutateAsync({ unionId: row.unionId, itemId: row.itemId, threshold: value }).then(
          () => void message.success(t('care.stock.thresholdSaved')),
          (err: Error) => void message.error(err.message),
        )
      }
    >
      <Button
        size="small"
        type="link"
        aria-label={t('care.stock.setThresholdFor', { item: row.itemName, union: row.unionName })}
      >
        {row.lowStockThreshold ?? '—'} <EditOutlined />
      </Button>
    </Popconfirm>
  );
}

function StockTable({ unionId, canManage }: { unionId?: string; canManage: boolean }) {
  const { t } = useTranslation();
  const stock = useStock(unionId);
  return (
    <Table<StockRow>
      rowKey={(r) => `${r.unionId}:${r.itemId}`}
      loading={stock.isFetching}
      dataSource={stock.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="stock-table"
      columns={[
        { title: t('care.common.union'), dataIndex: 'unionName' },
        {
          title: t('care.common.item'),
          dataIndex: 'itemName',
        },
        {
          title: t('care.stock.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (q: number, r) => (
            <span className="uc-care-num">
              {q} {r.unit ?? ''}
            </span>
          ),
        },
        {
          title: t('care.stock.threshold'),
          dataIndex: 'lowStockThreshold',
          align: 'right',
          render: (v: number | null, r) => (canManage ? <ThresholdEditor row={r} /> : (v ?? '—')),
        },
        {
          title: t('care.stock.state'),
          dataIndex: 'low',
          render: (low: boolean) => (low ? <LowStockTag /> : <Tag color="success">{t('care.stock.ok')}</Tag>),
        },
      ]}
    />
  );
}

function ItemsTable() {
  const { t } = useTranslation();
  const items = useCareItems();
  const byId = new Map((items.data ?? []).map((i) => [i.id, i]));
  return (
    <Table<CareItem>
      rowKey="id"
      loading={items.isPending}
      dataSource={items.data ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: t('care.item.name'), dataIndex: 'name' },
        { title: t('care.item.unit'), dataIndex: 'unit', width: 90 },
        {
          title: t('care.item.kind'),
          dataIndex: 'kind',
          width: 110,
          render: (k: CareItem['kind']) => <Tag color={k === 'kit' ? 'red' : 'default'}>{t(`care.kind.${k}`)}</Tag>,
        },
        {
          title: t('care.item.bill'),
          key: 'bill',
          render: (_, item) =>
            item.kind === 'kit' && item.components?.length ? (
              <ul className="uc-care-bill" aria-label={t('care.item.billOf', { name: item.name })}>
                {item.components.map((c) => (
                  <li key={c.itemId}>
                    {c.itemName ?? byId.get(c.itemId)?.name ?? c.itemId} × {c.quantity}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

function Ledger({
  unionId,
  onCorrect,
  canManage,
}: {
  unionId?: string;
  onCorrect: (m: Movement) => void;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [itemId, setItemId] = useState<string>();
  const [kind, setKind] = useState<MovementKind>();
  const movements = useMovements({ unionId, itemId, limit: 500 });
  // the API filters by union and item; the kind filter narrows what came back
  const rows = (movements.data ?? []).filter((m) => !kind || m.kind === kind);
  return (
    <>
      <Space wrap className="uc-care-filters" aria-label={t('care.ledger.filters')}>
        <ItemSelect value={itemId} onChange={setItemId} allowClear placeholder={t('care.ledger.allItems')} />
        <Select<MovementKind>
          value={kind}
          onChange={setKind}
          allowClear
          placeholder={t('care.ledger.allKinds')}
          style={{ minWidth: 160 }}
          aria-label={t('care.ledger.kind')}
          options={MOVEMENT_KINDS.map((k) => ({ value: k, label: t(`care.movement.${k}`) }))}
        />
      </Space>
      <Table<Movement>
        rowKey="id"
        loading={movements.isFetching}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="ledger"
        columns={[
          { title: t('care.ledger.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v), width: 150 },
          { title: t('care.ledger.no'), dataIndex: 'id', width: 70 },
          { title: t('care.common.union'), dataIndex: 'unionName' },
          { title: t('care.common.item'), dataIndex: 'itemName' },
          {
            title: t('care.ledger.kind'),
            dataIndex: 'kind',
            render: (k: MovementKind) => (
              <Tag color={KIND_COLOR[k]}>{t(`care.movement.${k}`, { defaultValue: k })}</Tag>
            ),
          },
          {
            title: t('care.common.quantity'),
            dataIndex: 'quantity',
            align: 'right',
            render: (q: number) => <span className={`uc-care-num ${q < 0 ? 'uc-care-neg' : ''}`}>{signed(q)}</span>,
          },
          { title: t('care.receipt.batch'), dataIndex: 'batch', render: (v: string | null) => v ?? '—' },
          {
            title: t('care.ledger.ref'),
            dataIndex: 'ref',
            render: (v: string | null, m) =>
              m.correctsMovementId ? t('care.ledger.corrects', { id: m.correctsMovementId }) : refLabel(v, t),
          },
          { title: t('care.ledger.by'), dataIndex: 'by', render: (v: string | null) => v ?? '—' },
          { title: t('care.ledger.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ...(canManage
            ? [
                {
                  title: t('care.common.actions'),
                  key: 'actions',
                  render: (_: unknown, m: Movement) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => onCorrect(m)}
                      aria-label={t('care.ledger.correctRow', { id: m.id, item: m.itemName })}
                    >
                      {t('care.ledger.correct')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** 库存: stock per holding union, the items and kits, and the append-only ledger of movements. */
export default function StockPage() {
  const { t } = useTranslation();
  const canManage = useCanManageCare();
  const [params, update] = useUrlState();
  const unionId = params.get('unionId') ?? undefined;
  const tab = params.get('tab') ?? 'stock';
  const [modal, setModal] = useState<'receipt' | 'item' | 'correction' | null>(null);
  const [correcting, setCorrecting] = useState<Movement | null>(null);
  const holderId = useId();

  const set = (key: string, value: string | undefined) => update({ [key]: value }, { keepPage: true });

  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.stock.title')}>
        <Space wrap>
          <span className="uc-care-inline-label">
            <label htmlFor={holderId}>{t('care.stock.holder')}</label>
            <UnionSelect
              id={holderId}
              value={unionId}
              onChange={(v) => set('unionId', v)}
              allowClear
              placeholder={t('care.stock.allUnions')}
            />
          </span>
          {canManage && (
            <>
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setModal('receipt')}>
                {t('care.receipt.open')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setModal('item')}>
                {t('care.item.open')}
              </Button>
              <Button
                icon={<EditOutlined />}
                onClick={() => {
                  setCorrecting(null);
                  setModal('correction');
                }}
              >
                {t('care.correction.open')}
              </Button>
            </>
          )}
        </Space>
      </CarePageHead>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k === 'stock' ? undefined : k)}
          items={[
            {
              key: 'stock',
              label: t('care.stock.tab'),
              children: <StockTable unionId={unionId} canManage={canManage} />,
            },
            { key: 'items', label: t('care.item.tab'), children: <ItemsTable /> },
            {
              key: 'ledger',
              label: t('care.ledger.tab'),
              children: (
                <Ledger
                  unionId={unionId}
                  canManage={canManage}
                  onCorrect={(m) => {
                    setCorrecting(m);
                    setModal('correction');
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <ReceiptModal open={modal === 'receipt'} onClose={() => setModal(null)} unionId={unionId} />
      <ItemModal open={modal === 'item'} onClose={() => setModal(null)} />
      <CorrectionModal
        open={modal === 'correction'}
        onClose={() => setModal(null)}
        movement={correcting}
        unionId={unionId}
      />
    </div>
  );
}
