import { Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Table, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Competition,
  useCompetitions,
  useCreateCompetition,
  usePointsTable,
  useRecordResults,
  useRegistrations,
  useResults,
} from '../../../api/care';
import { formatDate } from '../../../lib/dates';
import { CarePageHead, NewButton, UnionSelect, useCanManageCare } from './CareBits';
import { FormModal, InlineForm, useFormSave } from './CareForm';
import './care-console.css';

interface NewValues {
  title: string;
  unionId: string;
  range: [Dayjs, Dayjs];
  registrationClosesOn?: Dayjs;
  events: string[];
  notes?: string;
}

function NewCompetitionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewValues>();
  const create = useCreateCompetition();
  const save = useFormSave(create, form);
  const submit = (v: NewValues) =>
    save(
      {
        title: v.title.trim(),
        unionId: v.unionId,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1].format('YYYY-MM-DD'),
        registrationClosesOn: v.registrationClosesOn?.format('YYYY-MM-DD'),
        events: v.events.map((e) => e.trim()).filter(Boolean),
        notes: v.notes?.trim() || undefined,
      },
      { done: t('care.comp.created'), reset: true, after: onClose },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.comp.new')}
      okText={t('care.common.save')}
      pending={create.isPending}
      onClose={onClose}
      width={640}
      onFinish={submit}
    >
      <Form.Item name="title" label={t('care.comp.name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="unionId" label={t('care.comp.union')} rules={[{ required: true }]}>
        <UnionSelect pickSole />
      </Form.Item>
      <Space wrap>
        <Form.Item name="range" label={t('care.comp.dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="registrationClosesOn" label={t('care.comp.closes')}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item
        name="events"
        label={t('care.comp.events')}
        extra={t('care.comp.eventsHint')}
        rules={[{ required: true, type: 'array', min: 1, message: t('care.comp.eventsRequired') }]}
      >
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="notes" label={t('care.activity.notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

function ResultForm({ competition }: { competition: Competition }) {
  const { t } = useTranslation();
  const regs = useRegistrations(competition.id);
  const record = useRecordResults(competition.id);
  const [form] = Form.useForm<{ memberId: string; event: string; rank: number; points: number }>();
  // the server names a bad result by its place in the list (results/0/rank), which no field here matches: as a message
  const save = useFormSave(record, form);
  return (
    <InlineForm
      form={form}
      label={t('care.comp.addResult')}
      submitText={t('care.comp.addResult')}
      pending={record.isPending}
      primary
      onFinish={(v) => save([v], { done: t('care.comp.resultDone'), reset: true })}
    >
      <Form.Item name="memberId" rules={[{ required: true, message: t('care.comp.pickMember') }]}>
        <Select
          style={{ minWidth: 180 }}
          placeholder={t('care.comp.pickMember')}
          aria-label={t('care.comp.member')}
          showSearch={{ optionFilterProp: 'label' }}
          options={[...new Map((regs.data ?? []).map((r) => [r.memberId, r])).values()].map((r) => ({
            value: r.memberId,
            label: `${r.memberName} · ${r.unionName}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="event" rules={[{ required: true, message: t('care.comp.pickEvent') }]}>
        <Select
          style={{ minWidth: 120 }}
          placeholder={t('care.comp.event')}
          aria-label={t('care.comp.event')}
          options={competition.events.map((e) => ({ value: e, label: e }))}
        />
      </Form.Item>
      <Form.Item name="rank" rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} precision={0} placeholder={t('care.comp.rank')} aria-label={t('care.comp.rank')} />
      </Form.Item>
      <Form.Item name="points" rules={[{ required: true, type: 'integer', min: 0 }]}>
        <InputNumber min={0} precision={0} placeholder={t('care.comp.points')} aria-label={t('care.comp.points')} />
      </Form.Item>
    </InlineForm>
  );
}

function CompetitionDrawer({
  competition,
  canManage,
  onClose,
}: {
  competition: Competition | null;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = competition?.id;
  const regs = useRegistrations(id);
  const results = useResults(id);
  const points = usePointsTable(id);
  return (
    <Drawer open={competition !== null} onClose={onClose} size="large" title={competition?.title} destroyOnHidden>
      {competition && (
        <Tabs
          items={[
            {
              key: 'regs',
              label: t('care.comp.registrations', { count: regs.data?.length ?? competition.registrations }),
              children: (
                <Table
                  size="small"
                  rowKey="id"
                  loading={regs.isPending}
                  dataSource={regs.data ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: t('care.comp.member'), dataIndex: 'memberName' },
                    { title: t('care.common.union'), dataIndex: 'unionName' },
                    { title: t('care.comp.event'), dataIndex: 'event' },
                    {
                      title: t('care.comp.registeredAt'),
                      dataIndex: 'registeredAt',
                      render: (v: string) => formatDate(v),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'results',
              label: t('care.comp.results'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {canManage && <ResultForm competition={competition} />}
                  <Table
                    size="small"
                    rowKey="id"
                    loading={results.isPending}
                    dataSource={results.data ?? []}
                    pagination={false}
                    columns={[
                      { title: t('care.comp.event'), dataIndex: 'event' },
                      { title: t('care.comp.rank'), dataIndex: 'rank', align: 'right' },
                      { title: t('care.comp.member'), dataIndex: 'memberName', render: (v: string | null) => v ?? '—' },
                      { title: t('care.common.union'), dataIndex: 'unionName' },
                      { title: t('care.comp.points'), dataIndex: 'points', align: 'right' },
                    ]}
                  />
                </Space>
              ),
            },
            {
              key: 'points',
              label: t('care.comp.pointsTable'),
              children: (
                <Table
                  size="small"
                  rowKey="unionId"
                  loading={points.isPending}
                  dataSource={points.data ?? []}
                  pagination={false}
                  data-testid="points-table"
                  columns={[
                    { title: t('care.comp.position'), dataIndex: 'position', width: 70 },
                    { title: t('care.common.union'), dataIndex: 'unionName' },
                    { title: t('care.comp.points'), dataIndex: 'points', align: 'right' },
                    { title: t('care.comp.resultCount'), dataIndex: 'results', align: 'right' },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}

/** 健身竞赛: competitions with their events, registrations, results and the points table per union. */
export default function CompetitionsPage() {
  const { t } = useTranslation();
  const canManage = useCanManageCare();
  const list = useCompetitions();
  const [open, setOpen] = useState<Competition | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.comp.title')}>
        {canManage && <NewButton label={t('care.comp.new')} onClick={() => setCreating(true)} />}
      </CarePageHead>
      <Card>
        <Table<Competition>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            {
              title: t('care.comp.name'),
              dataIndex: 'title',
              render: (title: string, c) => (
                <Button type="link" className="uc-care-linkbtn" onClick={() => setOpen(c)}>
                  {title}
                </Button>
              ),
            },
            { title: t('care.comp.union'), dataIndex: 'unionName' },
            {
              title: t('care.comp.dates'),
              key: 'dates',
              render: (_, c) => `${formatDate(c.startsOn)} – ${formatDate(c.endsOn)}`,
            },
            {
              title: t('care.comp.closes'),
              dataIndex: 'registrationClosesOn',
              render: (v: string | null) => formatDate(v),
            },
            {
              title: t('care.comp.events'),
              dataIndex: 'events',
              render: (v: string[]) => v.join(t('common.listSeparator')),
            },
            { title: t('care.comp.registrationsShort'), dataIndex: 'registrations', align: 'right' },
          ]}
        />
      </Card>
      <CompetitionDrawer competition={open} canManage={canManage} onClose={() => setOpen(null)} />
      <NewCompetitionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
