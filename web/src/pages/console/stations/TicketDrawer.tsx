import { CheckOutlined, CloseOutlined, PlayCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type TicketDetail, type TicketMove, useMoveTicket, useTicket } from '../../../api/stationTickets';
import { formatDateTime } from '../../../lib/dates';
import { KindTags, OverdueTag, TicketStatusTag } from './TicketTags';
import './stations-console.css';
import './station-tickets.css';

const NOTE_MAX = 500;
type Closing = Exclude<TicketMove, 'in_progress'>;

/** The server's message for a field, whichever way it names it (`body.reason`). */
function serverFieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  return err.fieldError(`body.${field}`) ?? err.fieldError(field);
}

/** Resolving (note optional) or rejecting (reason required, the reports were unfounded) a ticket. */
function CloseTicketModal({ ticket, to, onClose }: { ticket: TicketDetail; to: Closing | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const move = useMoveTicket(ticket.id);
  const submit = ({ reason }: { reason?: string }) =>
    move.mutate(
      { status: to!, reason: reason?.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t(`stationTickets.action.done.${to}`));
          onClose();
        },
        onError: (err) => {
          const field = serverFieldError(err, 'reason');
          if (field) form.setFields([{ name: 'reason', errors: [field] }]);
          else void message.error(serverFieldError(err, 'status') ?? err.message);
        },
      },
    );
  const rejecting = to === 'rejected';
  return (
    <Modal
      open={to !== null}
      title={to ? t(`stationTickets.modal.${to}Title`, { name: ticket.station.name }) : ''}
      okText={to ? t(`stationTickets.modal.${rejecting ? 'submitRejected' : 'submitResolved'}`) : ''}
      onOk={() => form.submit()}
      confirmLoading={move.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {to && (
        <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item
            name="reason"
            label={t(`stationTickets.modal.${to}Note`)}
            rules={
              rejecting ? [{ required: true, whitespace: true, message: t('stationTickets.modal.reasonRequired') }] : []
            }
          >
            <Input.TextArea rows={3} maxLength={NOTE_MAX} placeholder={t(`stationTickets.modal.${to}Placeholder`)} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function Facts({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const k = (key: string) => t(`stationTickets.detail.${key}`);
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'station', label: k('station'), children: ticket.station.name },
        {
          key: 'code',
          label: k('code'),
          children: (
            <span className="uc-mono" data-testid="ticket-station-code">
              {ticket.station.code}
            </span>
          ),
        },
        { key: 'address', label: k('address'), children: ticket.station.address },
        {
          key: 'status',
          label: t('stationTickets.list.colStatus'),
          children: (
            <span data-testid="ticket-status">
              <TicketStatusTag status={ticket.status} />
            </span>
          ),
        },
        { key: 'kinds', label: t('stationTickets.list.colKinds'), children: <KindTags kinds={ticket.kinds} /> },
        { key: 'count', label: k('reportCount'), children: ticket.reportCount },
        { key: 'district', label: k('district'), children: ticket.district?.name ?? '—' },
        { key: 'opened', label: k('opened'), children: formatDateTime(ticket.openedAt) },
        {
          key: 'due',
          label: k('due'),
          children: (
            <span>
              {formatDateTime(ticket.dueAt)} {ticket.overdue && <OverdueTag />}
            </span>
          ),
        },
        { key: 'last', label: k('lastReport'), children: formatDateTime(ticket.lastReportAt) },
        ...(ticket.statusReason ? [{ key: 'reason', label: k('statusReason'), children: ticket.statusReason }] : []),
      ]}
    />
  );
}

function Reports({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const title = t('stationTickets.detail.reports', { count: ticket.reports.length });
  return (
    <section aria-label={title}>
      <Typography.Title level={5}>{title}</Typography.Title>
      {ticket.reports.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <ul className="uc-ticket-reports" data-testid="ticket-reports">
          {ticket.reports.map((r) => (
            <li key={r.id}>
              <Space size={[4, 4]} wrap>
                <Tag>{t(`stationTickets.kind.${r.kind}`, { defaultValue: r.kind })}</Tag>
                <span className="uc-ticket-meta uc-mono">{formatDateTime(r.createdAt)}</span>
                <span className="uc-ticket-meta">
                  {t(`stationTickets.reportStatus.${r.status}`, { defaultValue: r.status })}
                </span>
              </Space>
              {r.amenity && (
                <div>
                  {t('stationTickets.detail.amenity', {
                    name: t(`stations.amenity.${r.amenity}`, { defaultValue: r.amenity }),
                  })}
                </div>
              )}
              {/* what the worker typed, as plain text (React escapes it) */}
              <div className="uc-ticket-report-text">{r.text || t('stationTickets.detail.noText')}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function History({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-label={t('stationTickets.detail.history')}>
      <Typography.Title level={5}>{t('stationTickets.detail.history')}</Typography.Title>
      <Timeline
        data-testid="ticket-history"
        items={[...ticket.events].reverse().map((e, i) => ({
          key: `${e.at}-${i}`,
          color: e.toStatus === 'resolved' ? 'green' : e.toStatus === 'rejected' ? 'gray' : 'blue',
          content: (
            <div data-status={e.toStatus}>
              <TicketStatusTag status={e.toStatus} />{' '}
              <span className="uc-ticket-meta uc-mono">{formatDateTime(e.at)}</span>
              {e.fromStatus !== null && <div>{e.reason ?? t('stationTickets.detail.noReason')}</div>}
            </div>
          ),
        }))}
      />
    </section>
  );
}

function Actions({ ticket, onClosing }: { ticket: TicketDetail; onClosing: (to: Closing) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const move = useMoveTicket(ticket.id);
  const next = ticket.nextStatuses;
  if (ticket.status === 'resolved' || ticket.status === 'rejected') {
    return <Alert type="info" showIcon title={t('stationTickets.detail.closed')} />;
  }
  if (next.length === 0) return <Alert type="info" showIcon title={t('stationTickets.detail.readOnly')} />;
  const takeUp = () =>
    move.mutate(
      { status: 'in_progress' },
      {
        onSuccess: () => void message.success(t('stationTickets.action.done.in_progress')),
        onError: (err) => void message.error(serverFieldError(err, 'status') ?? err.message),
      },
    );
  return (
    <Space wrap>
      {next.includes('in_progress') && (
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={takeUp} loading={move.isPending}>
          {t('stationTickets.action.in_progress')}
        </Button>
      )}
      {next.includes('resolved') && (
        <Button
          type={next.includes('in_progress') ? 'default' : 'primary'}
          icon={<CheckOutlined />}
          onClick={() => onClosing('resolved')}
        >
          {t('stationTickets.action.resolved')}
        </Button>
      )}
      {next.includes('rejected') && (
        <Button icon={<CloseOutlined />} onClick={() => onClosing('rejected')}>
          {t('stationTickets.action.rejected')}
        </Button>
      )}
    </Space>
  );
}

/** One ticket: its station, what workers reported and when, its history; take it up, resolve or reject it. */
export function TicketDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useTicket(id);
  const [closing, setClosing] = useState<Closing | null>(null);
  const ticket = detail.data;

  let body: React.ReactNode;
  if (detail.isPending) body = <Skeleton active />;
  else if (detail.isError)
    body = (
      <Alert type="error" showIcon title={t('stationTickets.detail.loadFailed')} description={detail.error.message} />
    );
  else {
    const tk = detail.data;
    body = (
      <Flex vertical gap="middle">
        <Actions ticket={tk} onClosing={setClosing} />
        <Facts ticket={tk} />
        <Reports ticket={tk} />
        <History ticket={tk} />
        <CloseTicketModal ticket={tk} to={closing} onClose={() => setClosing(null)} />
      </Flex>
    );
  }

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={620}
      destroyOnHidden
      title={ticket ? `${t('stationTickets.detail.title')} · ${ticket.station.name}` : t('stationTickets.detail.title')}
      closable={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}
