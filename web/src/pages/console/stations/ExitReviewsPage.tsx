import { PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { can, useMe } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import {
  type ExitReason,
  type ExitReview,
  STATION_PERMISSIONS,
  useDecideExitReview,
  useExitReviews,
  useRunExitRules,
} from '../../../api/stationsConsole';
import '../../../i18n/stations-console';
import { formatDate, formatDateTime } from '../../../lib/dates';
import './stations-console.css';
import { listPagination } from '../../../lib/list-pagination';
import { pagingFrom } from '../../../lib/url-state';

const PAGE_SIZES = [20, 50, 100];
type State = 'open' | 'decided';

function Reasons({ reasons }: { reasons: ExitReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="uc-reason-list" data-testid="exit-reasons">
      {reasons.map((r) => (
        <li key={r.rule} data-rule={r.rule}>
          {t(`stationsConsole.exit.rule.${r.rule}`, { count: r.count, withinDays: r.withinDays, days: r.days })}{' '}
          <Typography.Text type="secondary">
            {t('stationsConsole.exit.since', { date: formatDate(r.since) })}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

interface Values {
  decision: 'keep' | 'exit';
  reason: string;
}

function DecideModal({ review, onClose }: { review: ExitReview | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const decide = useDecideExitReview();
  const submit = (values: Values) =>
    decide.mutate(
      { id: review!.id, decision: values.decision, reason: values.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('stationsConsole.exit.done'));
          onClose();
        },
        onError: (err) => {
          const field = err instanceof ApiError ? err.fieldError('reason') : undefined;
          if (field) form.setFields([{ name: 'reason', errors: [field] }]);
          else void message.error(err.message);
        },
      },
    );
  return (
    <Modal
      open={review !== null}
      title={review ? t('stationsConsole.exit.modalTitle', { name: review.station.name }) : ''}
      okText={t('stationsConsole.exit.submit')}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {review && (
        <>
          <p>
            <span className="uc-mono">{review.station.code}</span>
          </p>
          <Reasons reasons={review.reasons} />
          <Form form={form} layout="vertical" onFinish={submit} className="uc-mb" preserve={false}>
            <Form.Item
              name="decision"
              label={t('stationsConsole.exit.choose')}
              rules={[{ required: true, message: t('stationsConsole.exit.chooseRequired') }]}
            >
              <Radio.Group>
                <Space orientation="vertical">
                  <Radio value="keep">
                    {t('stationsConsole.exit.decision.keep')}{' '}
                    <Typography.Text type="secondary">{t('stationsConsole.exit.keepHint')}</Typography.Text>
                  </Radio>
                  <Radio value="exit">
                    {t('stationsConsole.exit.decision.exit')}{' '}
                    <Typography.Text type="secondary">{t('stationsConsole.exit.exitHint')}</Typography.Text>
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('stationsConsole.exit.reason')}
              rules={[{ required: true, whitespace: true, message: t('stationsConsole.exit.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} placeholder={t('stationsConsole.exit.reasonPlaceholder')} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

/** 退出审核: stations that met an exit rule, with the rule's reasons; district or city staff keep or exit them. */
export default function ExitReviewsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useMe().data;
  const [params, setParams] = useSearchParams();
  const state: State = params.get('state') === 'decided' ? 'decided' : 'open';
  const { page, pageSize } = pagingFrom(params, PAGE_SIZES);
  const reviews = useExitReviews(state, page, pageSize);
  const run = useRunExitRules();
  const [deciding, setDeciding] = useState<ExitReview | null>(null);
  const mayDecide = can(user, STATION_PERMISSIONS.oversee);

  const setQuery = (next: Record<string, string>) => setParams(next, { replace: true });
  const onRun = () =>
    run.mutate(undefined, {
      onSuccess: (r) =>
        void message.success(t('stationsConsole.exit.runDone', { evaluated: r.evaluated, opened: r.opened })),
      onError: (err) => void message.error(err.message),
    });

  const columns: ColumnsType<ExitReview> = [
    {
      title: t('stationsConsole.exit.colStation'),
      key: 'station',
      width: 240,
      render: (_, r) => (
        <div>
          <div>{r.station.name}</div>
          <Button
            type="link"
            size="small"
            className="uc-mono"
            onClick={() => navigate(`/console/stations?station=${encodeURIComponent(r.station.code)}`)}
          >
            {r.station.code}
          </Button>
        </div>
      ),
    },
    {
      title: t('stationsConsole.exit.colReasons'),
      key: 'reasons',
      render: (_, r) => <Reasons reasons={r.reasons} />,
    },
    {
      title: t('stationsConsole.exit.colOpened'),
      dataIndex: 'openedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    state === 'open'
      ? {
          title: '',
          key: 'action',
          width: 110,
          render: (_, r) =>
            mayDecide && (
              <Button
                type="primary"
                aria-label={t('stationsConsole.exit.decideFor', { name: r.station.name })}
                onClick={() => setDeciding(r)}
              >
                {t('stationsConsole.exit.decide')}
              </Button>
            ),
        }
      : {
          title: t('stationsConsole.exit.colDecision'),
          key: 'decision',
          width: 260,
          render: (_, r) => (
            <div>
              <Tag color={r.decision === 'exit' ? 'error' : 'success'}>
                {r.decision ? t(`stationsConsole.exit.decision.${r.decision}`) : '—'}
              </Tag>
              <Typography.Text type="secondary">{formatDateTime(r.decidedAt)}</Typography.Text>
              <div>{r.decisionReason}</div>
            </div>
          ),
        },
  ];

  return (
    <section className="uc-stations" aria-labelledby="exit-title">
      <Card size="small">
        <Space className="uc-mb" wrap align="center">
          <h1 id="exit-title" className="uc-page-title">
            {t('stationsConsole.exit.title')}
          </h1>
          {mayDecide && (
            <Button icon={<PlayCircleOutlined />} onClick={onRun} loading={run.isPending}>
              {t('stationsConsole.exit.run')}
            </Button>
          )}
        </Space>
        <p className="uc-stations-intro">{t('stationsConsole.exit.intro')}</p>
        <Tabs
          activeKey={state}
          onChange={(key) => setQuery({ state: key })}
          items={(['open', 'decided'] as const).map((key) => ({ key, label: t(`stationsConsole.exit.tabs.${key}`) }))}
        />
        <Table<ExitReview>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={reviews.data?.items ?? []}
          loading={reviews.isFetching}
          locale={{
            emptyText: reviews.isError
              ? reviews.error.message
              : t(state === 'open' ? 'stationsConsole.exit.empty' : 'stationsConsole.exit.emptyDecided'),
          }}
          scroll={{ x: 'max-content' }}
          pagination={listPagination(
            reviews.data,
            { page, pageSize },
            (total) => t('stationsConsole.exit.total', { total }),
            (next) => setQuery({ state, page: String(next.page ?? 1), pageSize: String(next.pageSize) }),
            PAGE_SIZES,
          )}
        />
      </Card>
      <DecideModal review={deciding} onClose={() => setDeciding(null)} />
    </section>
  );
}
