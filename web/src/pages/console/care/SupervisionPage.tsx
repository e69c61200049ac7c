import { Card, Checkbox, DatePicker, Form, Input, InputNumber, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SupervisionVisit, useCreateVisit, useSupervisionVisits } from '../../../api/care';
import { formatDate } from '../../../lib/dates';
import { CarePageHead, NewButton, UnionSelect, useCanManageCare } from './CareBits';
import { FormModal, useFormSave } from './CareForm';
import './care-console.css';

interface Values {
  unionId: string;
  visitedOn: Dayjs;
  findings: string;
  score?: number;
  unannounced: boolean;
}

/** 督导检查: the supervision group's spot checks on how staff keep exercising, as visits with findings. */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const canManage = useCanManageCare();
  const visits = useSupervisionVisits();
  const create = useCreateVisit();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const save = useFormSave(create, form);

  const submit = (v: Values) =>
    save(
      {
        unionId: v.unionId,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        findings: v.findings.trim(),
        score: v.score ?? undefined,
        unannounced: v.unannounced,
      },
      { done: t('care.visit.done'), reset: true, after: () => setOpen(false) },
    );

  return (
    <div className="uc-care-page">
      <CarePageHead title={t('care.visit.title')}>
        {canManage && <NewButton label={t('care.visit.new')} onClick={() => setOpen(true)} />}
      </CarePageHead>
      <Card>
        <Table<SupervisionVisit>
          rowKey="id"
          loading={visits.isPending}
          dataSource={visits.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('care.visit.on'), dataIndex: 'visitedOn', render: (v: string) => formatDate(v), width: 120 },
            { title: t('care.common.union'), dataIndex: 'unionName' },
            {
              title: t('care.visit.kind'),
              dataIndex: 'unannounced',
              render: (u: boolean) => <Tag>{u ? t('care.visit.unannounced') : t('care.visit.announced')}</Tag>,
            },
            {
              title: t('care.visit.score'),
              dataIndex: 'score',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            { title: t('care.visit.findings'), dataIndex: 'findings' },
            { title: t('care.ledger.by'), dataIndex: 'by', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
      <FormModal
        form={form}
        open={open}
        title={t('care.visit.new')}
        okText={t('care.common.save')}
        pending={create.isPending}
        onClose={() => setOpen(false)}
        onFinish={submit}
        initialValues={{ visitedOn: dayjs(), unannounced: true }}
      >
        <Form.Item name="unionId" label={t('care.visit.union')} rules={[{ required: true }]}>
          <UnionSelect pickSole />
        </Form.Item>
        <Form.Item name="visitedOn" label={t('care.visit.on')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="unannounced" valuePropName="checked">
          <Checkbox>{t('care.visit.unannounced')}</Checkbox>
        </Form.Item>
        <Form.Item name="score" label={t('care.visit.score')}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="findings" label={t('care.visit.findings')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
