import { Button, Card, Progress, Space, Table, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  type DistributionSummary,
  type IncomingHandover,
  useDistributions,
  useIncomingHandovers,
} from '../../../api/care';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { CarePageHead, NewButton, useCanManageCare } from './CareBits';
import { StaffConfirmModal } from './HandoverDialogs';
import './care-console.css';

/** 待本单位确认: goods handed over to unions in my subtree that their representative has not confirmed yet. */
function IncomingTable() {
  const { t } = useTranslation();
  const incoming = useIncomingHandovers();
  const [confirming, setConfirming] = useState<IncomingHandover | null>(null);
  return (
    <>
      <Table<IncomingHandover>
        rowKey="id"
        loading={incoming.isPending}
        dataSource={incoming.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="incoming"
        columns={[
          { title: t('care.ledger.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
          {
            title: t('care.dist.name'),
            dataIndex: 'distributionTitle',
            render: (title: string, h) => <Link to={`/console/care/distributions/${h.distributionId}`}>{title}</Link>,
          },
          { title: t('care.dist.from'), dataIndex: 'fromUnionName' },
          { title: t('care.dist.recipient'), dataIndex: 'toUnionName' },
          { title: t('care.common.item'), dataIndex: 'itemName' },
          { title: t('care.common.quantity'), dataIndex: 'quantity', align: 'right' },
          {
            title: t('care.common.actions'),
            key: 'confirm',
            render: (_, h) => (
              <Button size="small" type="primary" onClick={() => setConfirming(h)}>
                {t('care.confirm.open')}
              </Button>
            ),
          },
        ]}
      />
      <StaffConfirmModal
        distributionId={confirming?.distributionId ?? ''}
        handover={confirming ? { id: confirming.id, confirmToken: null } : null}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}

/** 发放: every distribution in the staff member's subtree with planned / delivered / confirmed at a glance. */
export default function DistributionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useDistributions();
  const canManage = useCanManageCare();
  const [params, setParams] = useSearchParams();
  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.dist.title')}>
        {canManage && (
          <NewButton label={t('care.plan.open')} onClick={() => navigate('/console/care/distributions/new')} />
        )}
      </CarePageHead>
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? 'all'}
          onChange={(k) => setParams(k === 'all' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'all',
              label: t('care.dist.all'),
              children: (
                <Table<DistributionSummary>
                  rowKey="id"
                  loading={list.isPending}
                  dataSource={list.data ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    {
                      title: t('care.dist.name'),
                      dataIndex: 'title',
                      render: (title: string, d) => <Link to={`/console/care/distributions/${d.id}`}>{title}</Link>,
                    },
                    { title: t('care.dist.from'), dataIndex: 'fromUnionName' },
                    { title: t('care.common.item'), dataIndex: 'itemName' },
                    { title: t('care.dist.planned'), dataIndex: 'planned', align: 'right' },
                    { title: t('care.dist.delivered'), dataIndex: 'delivered', align: 'right' },
                    { title: t('care.dist.confirmed'), dataIndex: 'confirmed', align: 'right' },
                    {
                      title: t('care.dist.progress'),
                      key: 'progress',
                      width: 160,
                      render: (_, d) => (
                        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                          <Progress
                            percent={d.planned ? Math.round((100 * d.confirmed) / d.planned) : 0}
                            size="small"
                            aria-label={t('care.dist.confirmedShare')}
                          />
                        </Space>
                      ),
                    },
                    { title: t('care.dist.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v) },
                  ]}
                />
              ),
            },
            ...(canManage ? [{ key: 'incoming', label: t('care.dist.incoming'), children: <IncomingTable /> }] : []),
          ]}
        />
      </Card>
    </div>
  );
}
