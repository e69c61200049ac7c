import { DownloadOutlined, LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  type Signup,
  useCreateShift,
  useShiftClock,
  useShifts,
  useSignups,
  useVolunteerHours,
  type VolunteerShift,
  volunteerHoursXlsxUrl,
} from '../../../api/care';
import { ApiError } from '../../../api/client';
import { downloadText, toCsv } from '../../../lib/csv';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { downloadFromApi } from '../../../lib/download';
import { CarePageHead, NewButton, problemText, UnionSelect, useCanManageCare } from './CareBits';
import { FormModal, useFormSave } from './CareForm';
import './care-console.css';

interface ShiftValues {
  unionId: string;
  title: string;
  community: string;
  date: Dayjs;
  time: [Dayjs, Dayjs];
  task: string;
  capacity: number;
}

function NewShiftModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ShiftValues>();
  const create = useCreateShift();
  const save = useFormSave(create, form);
  const submit = (v: ShiftValues) =>
    save(
      {
        unionId: v.unionId,
        title: v.title.trim(),
        community: v.community.trim(),
        date: v.date.format('YYYY-MM-DD'),
        startTime: v.time[0].format('HH:mm'),
        endTime: v.time[1].format('HH:mm'),
        task: v.task.trim(),
        capacity: v.capacity,
      },
      { done: t('care.shift.created'), reset: true, after: onClose },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.shift.new')}
      okText={t('care.common.save')}
      pending={create.isPending}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ capacity: 10, time: [dayjs('08:00', 'HH:mm'), dayjs('16:00', 'HH:mm')] }}
    >
      <Form.Item name="unionId" label={t('care.shift.union')} rules={[{ required: true }]}>
        <UnionSelect pickSole />
      </Form.Item>
      <Form.Item name="title" label={t('care.shift.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="community" label={t('care.shift.community')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="date" label={t('care.shift.date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="time" label={t('care.shift.time')} rules={[{ required: true }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
        </Form.Item>
      </Space>
      <Form.Item name="task" label={t('care.shift.task')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} placeholder={t('care.shift.taskPlaceholder')} />
      </Form.Item>
      <Form.Item name="capacity" label={t('care.shift.capacity')} rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} precision={0} />
      </Form.Item>
    </FormModal>
  );
}

function RosterDrawer({
  shift,
  canManage,
  onClose,
}: {
  shift: VolunteerShift | null;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const signups = useSignups(shift?.id);
  const clock = useShiftClock(shift?.id ?? '');
  // empty: the check-in or out happens now; a time: it is recorded afterwards (a forgotten 签退, a paper roster)
  const [at, setAt] = useState<Dayjs | null>(null);
  const act = (s: Signup, action: 'checkin' | 'checkout') =>
    clock.mutate(
      { memberId: s.memberId, action, at: at?.toISOString() },
      { onSuccess: () => void message.success(t(`care.shift.${action}Done`, { name: s.memberName })) },
    );
  const close = () => {
    clock.reset();
    setAt(null);
    onClose();
  };
  return (
    <Drawer
      open={shift !== null}
      onClose={close}
      size="large"
      title={shift ? t('care.shift.rosterOf', { title: shift.title }) : ''}
      destroyOnHidden
    >
      {shift && (
        <p className="uc-muted">
          {formatDate(shift.date)} {shift.startTime}–{shift.endTime} · {shift.community} · {shift.task}
        </p>
      )}
      {canManage && (
        <Form layout="vertical">
          <Form.Item label={t('care.shift.at')} htmlFor="shift-clock-at" extra={t('care.shift.atHint')}>
            <DatePicker
              id="shift-clock-at"
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={at}
              onChange={(v) => setAt(v)}
              placeholder={t('care.shift.atNow')}
              allowClear
            />
          </Form.Item>
        </Form>
      )}
      {clock.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="clock-refused"
          style={{ marginBottom: 16 }}
          title={t('care.shift.refused')}
          description={problemText(clock.error)}
          closable={{ onClose: () => clock.reset() }}
        />
      )}
      <Table<Signup>
        rowKey="memberId"
        loading={signups.isPending}
        dataSource={signups.data ?? []}
        pagination={false}
        data-testid="roster"
        columns={[
          { title: t('care.comp.member'), dataIndex: 'memberName' },
          {
            title: t('care.shift.checkedIn'),
            dataIndex: 'checkedInAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('care.shift.checkedOut'),
            dataIndex: 'checkedOutAt',
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: t('care.shift.hours'),
            dataIndex: 'minutes',
            align: 'right',
            render: (m: number | null) => (m === null ? '—' : (m / 60).toFixed(1)),
          },
          ...(canManage
            ? [
                {
                  title: t('care.common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: Signup) => (
                    <Space>
                      <Button
                        size="small"
                        icon={<LoginOutlined />}
                        disabled={Boolean(s.checkedInAt)}
                        onClick={() => act(s, 'checkin')}
                        aria-label={t('care.shift.checkinFor', { name: s.memberName })}
                      >
                        {t('care.shift.checkin')}
                      </Button>
                      <Button
                        size="small"
                        icon={<LogoutOutlined />}
                        disabled={!s.checkedInAt || Boolean(s.checkedOutAt)}
                        onClick={() => act(s, 'checkout')}
                        aria-label={t('care.shift.checkoutFor', { name: s.memberName })}
                      >
                        {t('care.shift.checkout')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Drawer>
  );
}

function HoursTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const hours = useVolunteerHours(year);
  const [exporting, setExporting] = useState(false);

  const exportHours = () => {
    setExporting(true);
    downloadFromApi(volunteerHoursXlsxUrl(year), `volunteer-hours-${year}.xlsx`)
      .catch((err: unknown) => {
        // no server export yet: the table as CSV (Excel opens it with Chinese intact)
        if (!(err instanceof ApiError && err.status === 404)) throw err;
        const rows = (hours.data ?? []).map((r) => [r.memberName, r.unionName, r.shifts, r.hours]);
        const header = [t('care.comp.member'), t('care.common.union'), t('care.shift.shifts'), t('care.shift.hours')];
        downloadText(`volunteer-hours-${year}.csv`, toCsv(header, rows));
        return `volunteer-hours-${year}.csv`;
      })
      .then((name) => void message.success(t('care.common.exported', { name })))
      .catch((err: Error) => void message.error(err.message))
      .finally(() => setExporting(false));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          value={year}
          onChange={setYear}
          aria-label={t('care.shift.year')}
          options={Array.from({ length: 5 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: String(y) }))}
        />
        <Button icon={<DownloadOutlined />} onClick={exportHours} loading={exporting}>
          {t('care.shift.export')}
        </Button>
      </Space>
      <Table
        rowKey="memberId"
        loading={hours.isPending}
        dataSource={hours.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="volunteer-hours"
        columns={[
          { title: t('care.comp.member'), dataIndex: 'memberName' },
          { title: t('care.common.union'), dataIndex: 'unionName' },
          { title: t('care.shift.shifts'), dataIndex: 'shifts', align: 'right' },
          { title: t('care.shift.hours'), dataIndex: 'hours', align: 'right' },
        ]}
      />
    </Space>
  );
}

/** 志愿服务: shifts with their roster (check-in and check-out), and hours per member per year with an export. */
export default function VolunteerPage() {
  const { t } = useTranslation();
  const canManage = useCanManageCare();
  const shifts = useShifts();
  const [params, setParams] = useSearchParams();
  const [roster, setRoster] = useState<VolunteerShift | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.shift.title')}>
        {canManage && <NewButton label={t('care.shift.new')} onClick={() => setCreating(true)} />}
      </CarePageHead>
      <Card>
        <Tabs
          activeKey={params.get('tab') ?? 'shifts'}
          onChange={(k) => setParams(k === 'shifts' ? {} : { tab: k }, { replace: true })}
          items={[
            {
              key: 'shifts',
              label: t('care.shift.tab'),
              children: (
                <Table<VolunteerShift>
                  rowKey="id"
                  loading={shifts.isPending}
                  dataSource={shifts.data ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    {
                      title: t('care.shift.date'),
                      dataIndex: 'date',
                      render: (v: string) => formatDate(v),
                      width: 120,
                    },
                    { title: t('care.shift.time'), key: 'time', render: (_, s) => `${s.startTime}–${s.endTime}` },
                    { title: t('care.shift.name'), dataIndex: 'title' },
                    { title: t('care.shift.community'), dataIndex: 'community' },
                    { title: t('care.shift.task'), dataIndex: 'task' },
                    {
                      title: t('care.shift.signedUp'),
                      key: 'cap',
                      align: 'right',
                      render: (_, s) => `${s.signedUp} / ${s.capacity}`,
                    },
                    {
                      title: t('care.common.actions'),
                      key: 'roster',
                      render: (_, s) => (
                        <Button
                          size="small"
                          onClick={() => setRoster(s)}
                          aria-label={t('care.shift.rosterOf', { title: s.title })}
                        >
                          {t('care.shift.roster')}
                        </Button>
                      ),
                    },
                  ]}
                />
              ),
            },
            { key: 'hours', label: t('care.shift.hoursTab'), children: <HoursTab /> },
          ]}
        />
      </Card>
      <RosterDrawer shift={roster} canManage={canManage} onClose={() => setRoster(null)} />
      <NewShiftModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
