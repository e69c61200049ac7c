import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../../api/auth';
import { CARE_PERMISSIONS, type SupervisionVisit, useCreateVisit, useSupervisionVisits } from '../../../api/care';
import { formatDate } from '../../../lib/dates';
import { showProblem, UnionSelect } from './CareBits';
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
  const { message } = App.useApp();
  const me = useMe();
  const canManage = can(me.data, CARE_PERMISSIONS.manage);
  const visits = useSupervisionVisits();
  const create = useCreateVisit();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();

  const submit = (v: Values) =>
    create.mutate(
      {
        unionId: v.unionId,
        visitedOn: v.visitedOn.format('YYYY-MM-DD'),
        findings: v.findings.trim(),
        score: v.score ?? undefined,
        unannounced: v.unannounced,
      },
      {
        onSuccess: () => {
          void message.success(t('care.visit.done'));
          form.resetFields();
          setOpen(false);
        },
        onError: (err) => showProblem(err, form, message),
      },
    );

  return (
    <div className="uc-care-page">
      <div className="uc-care-head">
        <Typography.Title level={1} className="uc-care-h1">
          {t('care.visit.title')}
        </Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('care.visit.new')}
          </Button>
        )}
      </div>
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
      <Modal
        open={open}
        title={t('care.visit.new')}
        okText={t('care.common.save')}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ visitedOn: dayjs(), unannounced: true }}>
          <Form.Item name="unionId" label={t('care.visit.union')} rules={[{ required: true }]}>
            <UnionSelect />
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
        </Form>
      </Modal>
    </div>
  );
}
