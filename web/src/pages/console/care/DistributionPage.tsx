import { CheckCircleFilled, ClockCircleOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Skeleton, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { type DistributionLine, type Handover, useDistribution } from '../../../api/care';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { CarePageHead, useCanManageCare } from './CareBits';
import { HandoverModal, QrModal, ReturnModal, remaining, StaffConfirmModal } from './HandoverDialogs';
import { ReconciliationPanel } from './Reconciliation';
import './care-console.css';

function ConfirmTag({ h }: { h: Handover }) {
  const { t } = useTranslation();
  return h.confirmedAt ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="handover-state" data-confirmed="true">
      {t('care.handover.confirmedBy', { method: t(`care.confirmMethod.${h.confirmMethod ?? 'signature'}`) })}
    </Tag>
  ) : (
    <Tag color="processing" icon={<ClockCircleOutlined />} data-testid="handover-state" data-confirmed="false">
      {t('care.handover.pending')}
    </Tag>
  );
}

/** One distribution: its lines with hand-over and return, every hand-over with its confirmation, and the reconciliation. */
export default function DistributionPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const canManage = useCanManageCare();
  const dist = useDistribution(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'lines';
  const [handing, setHanding] = useState<DistributionLine | null>(null);
  const [returning, setReturning] = useState<DistributionLine | null>(null);
  const [confirming, setConfirming] = useState<Handover | null>(null);
  const [showing, setShowing] = useState<Handover | null>(null);

  if (dist.isPending) return <Skeleton active className="uc-care-page" />;
  if (dist.isError) return <Alert type="error" showIcon title={dist.error.message} className="uc-care-page" />;
  const d = dist.data;
  const lineById = new Map(d.lines.map((l) => [l.id, l]));
  const nameOf = (h: Handover | null) => (h ? (lineById.get(h.lineId)?.recipient.name ?? '') : '');

  return (
    <div className="uc-care-page">
      <CarePageHead title={d.title} back={{ to: '/console/care/distributions', label: t('care.dist.back') }} />
      <Card className="uc-mb">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'from', label: t('care.dist.from'), children: d.fromUnionName },
            {
              key: 'item',
              label: t('care.common.item'),
              children: `${d.itemName}${t('common.inParens', { text: d.unit })}`,
            },
            { key: 'at', label: t('care.dist.createdAt'), children: formatDate(d.createdAt) },
            { key: 'planned', label: t('care.dist.planned'), children: d.planned },
            { key: 'delivered', label: t('care.dist.delivered'), children: d.delivered },
            { key: 'confirmed', label: t('care.dist.confirmed'), children: d.confirmed },
            ...(d.note ? [{ key: 'note', label: t('care.ledger.note'), children: d.note }] : []),
          ]}
        />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'lines' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'lines',
              label: t('care.dist.lines'),
              children: (
                <Table<DistributionLine>
                  rowKey="id"
                  dataSource={d.lines}
                  pagination={false}
                  data-testid="dist-lines"
                  columns={[
                    {
                      title: t('care.dist.recipient'),
                      dataIndex: ['recipient', 'name'],
                      render: (name: string, l) => (
                        <Space>
                          {name}
                          <Tag>{t(`care.recipientKind.${l.recipient.kind}`)}</Tag>
                        </Space>
                      ),
                    },
                    { title: t('care.dist.planned'), dataIndex: 'planned', align: 'right' },
                    { title: t('care.dist.delivered'), dataIndex: 'delivered', align: 'right' },
                    { title: t('care.dist.confirmed'), dataIndex: 'confirmed', align: 'right' },
                    { title: t('care.dist.returned'), dataIndex: 'returned', align: 'right' },
                    ...(canManage
                      ? [
                          {
                            title: t('care.common.actions'),
                            key: 'actions',
                            render: (_: unknown, l: DistributionLine) => (
                              <Space wrap>
                                <Button
                                  size="small"
                                  type="primary"
                                  disabled={remaining(l) === 0}
                                  onClick={() => setHanding(l)}
                                  aria-label={t('care.handover.openFor', { name: l.recipient.name })}
                                >
                                  {t('care.handover.open')}
                                </Button>
                                <Button
                                  size="small"
                                  disabled={l.delivered - l.returned <= 0}
                                  onClick={() => setReturning(l)}
                                  aria-label={t('care.return.openFor', { name: l.recipient.name })}
                                >
                                  {t('care.return.open')}
                                </Button>
                              </Space>
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              ),
            },
            {
              key: 'handovers',
              label: t('care.dist.handovers', { count: d.handovers.length }),
              children: (
                <Table<Handover>
                  rowKey="id"
                  dataSource={d.handovers}
                  pagination={false}
                  data-testid="handovers"
                  columns={[
                    { title: t('care.ledger.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
                    { title: t('care.dist.recipient'), key: 'to', render: (_, h) => nameOf(h) },
                    { title: t('care.common.quantity'), dataIndex: 'quantity', align: 'right' },
                    { title: t('care.handover.by'), dataIndex: 'handedOverBy', render: (v: string | null) => v ?? '—' },
                    { title: t('care.sign.name'), dataIndex: 'signedName', render: (v: string | null) => v ?? '—' },
                    { title: t('care.handover.state'), key: 'state', render: (_, h) => <ConfirmTag h={h} /> },
                    {
                      title: t('care.common.actions'),
                      key: 'actions',
                      render: (_, h) =>
                        h.confirmedAt ? (
                          formatDateTime(h.confirmedAt)
                        ) : (
                          <Space wrap>
                            {h.confirmToken && (
                              <Button
                                size="small"
                                icon={<QrcodeOutlined />}
                                onClick={() => setShowing(h)}
                                aria-label={t('care.qr.showFor', { name: nameOf(h) })}
                              >
                                {t('care.qr.show')}
                              </Button>
                            )}
                            {canManage && lineById.get(h.lineId)?.recipient.kind === 'union' && (
                              <Button size="small" onClick={() => setConfirming(h)}>
                                {t('care.confirm.open')}
                              </Button>
                            )}
                          </Space>
                        ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'reconciliation',
              label: t('care.rec.tab'),
              children: <ReconciliationPanel distributionId={d.id} unit={d.unit} />,
            },
          ]}
        />
      </Card>
      <HandoverModal distribution={d} line={handing} onClose={() => setHanding(null)} />
      <ReturnModal distribution={d} line={returning} onClose={() => setReturning(null)} />
      <StaffConfirmModal distributionId={d.id} handover={confirming} onClose={() => setConfirming(null)} />
      <QrModal handover={showing} name={nameOf(showing)} onClose={() => setShowing(null)} />
    </div>
  );
}
