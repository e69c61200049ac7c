import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type Checklist, useChecklists, useInspections, useRecordInspection } from '../../../api/stationsConsole';
import { formatDate } from '../../../lib/dates';

const beijingToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Values {
  checklistId: string;
  inspectedOn: string;
  ok: Record<string, boolean>;
  notes?: string;
}

function InspectionModal({ code, open, onClose }: { code: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const checklists = useChecklists(open);
  const record = useRecordInspection(code);
  const checklistId = Form.useWatch('checklistId', form);
  const checklist: Checklist | undefined = checklists.data?.find((c) => c.id === checklistId);

  useEffect(() => {
    const first = checklists.data?.[0];
    if (open && first && !form.getFieldValue('checklistId')) form.setFieldsValue({ checklistId: first.id });
  }, [open, checklists.data, form]);

  const submit = (values: Values) => {
    if (!checklist) return;
    record.mutate(
      {
        checklistId: checklist.id,
        inspectedOn: values.inspectedOn,
        results: checklist.items.map((i) => ({ key: i.key, ok: values.ok?.[i.key] ?? true })),
        notes: values.notes?.trim() || undefined,
      },
      {
        onSuccess: (r) => {
          void message.success(
            t(r.passed ? 'stationsConsole.inspection.donePassed' : 'stationsConsole.inspection.doneFailed', {
              score: r.score,
              passScore: r.passScore,
            }),
          );
          onClose();
        },
        onError: (err) => {
          const field = err instanceof ApiError ? err.fieldError('inspectedOn') : undefined;
          if (field) form.setFields([{ name: 'inspectedOn', errors: [field] }]);
          else void message.error(err.message);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('stationsConsole.inspection.record')}
      okText={t('stationsConsole.inspection.submit')}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      {checklists.isError && <Alert type="error" showIcon title={checklists.error.message} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ inspectedOn: beijingToday() }}>
        <Form.Item
          name="checklistId"
          label={t('stationsConsole.inspection.checklist')}
          rules={[{ required: true, message: t('stationsConsole.inspection.checklistRequired') }]}
        >
          <Select
            loading={checklists.isPending}
            options={(checklists.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
        </Form.Item>
        <Form.Item
          name="inspectedOn"
          label={t('stationsConsole.inspection.date')}
          rules={[
            { required: true, message: t('stationsConsole.inspection.dateRequired') },
            {
              validator: (_, v: string) =>
                !v || v <= beijingToday()
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('stationsConsole.inspection.dateFuture'))),
            },
          ]}
        >
          <Input type="date" max={beijingToday()} />
        </Form.Item>
        {checklist && (
          <fieldset className="uc-checklist">
            <legend>{t('stationsConsole.inspection.items', { passScore: checklist.passScore })}</legend>
            {checklist.items.map((i) => (
              <Form.Item key={i.key} name={['ok', i.key]} valuePropName="checked" initialValue noStyle>
                <Checkbox className="uc-checklist-item">
                  {i.label} <Typography.Text type="secondary">({i.weight})</Typography.Text>
                </Checkbox>
              </Form.Item>
            ))}
          </fieldset>
        )}
        <Form.Item name="notes" label={t('stationsConsole.inspection.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A station's inspections (巡查), newest first, and the form that records one (staff who may update it). */
export function InspectionsSection({ code, mayRecord }: { code: string; mayRecord: boolean }) {
  const { t } = useTranslation();
  const inspections = useInspections(code);
  const [recording, setRecording] = useState(false);
  return (
    <section aria-label={t('stationsConsole.inspection.title')}>
      <Space className="uc-section-head">
        <Typography.Title level={5}>{t('stationsConsole.inspection.title')}</Typography.Title>
        {mayRecord && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            {t('stationsConsole.inspection.record')}
          </Button>
        )}
      </Space>
      {inspections.isError ? (
        <Alert type="error" showIcon title={inspections.error.message} />
      ) : (inspections.data ?? []).length === 0 && !inspections.isPending ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stationsConsole.inspection.none')} />
      ) : (
        <ul className="uc-plain-list uc-inspections" data-testid="inspections" aria-busy={inspections.isPending}>
          {(inspections.data ?? []).map((i) => (
            <li key={i.id} data-passed={i.passed}>
              <Space size={6} wrap>
                <span className="uc-mono">{formatDate(i.inspectedOn)}</span>
                <Tag color={i.passed ? 'success' : 'error'}>
                  {t(i.passed ? 'stationsConsole.inspection.passed' : 'stationsConsole.inspection.failed')}
                </Tag>
                <span>{t('stationsConsole.inspection.score', { score: i.score, passScore: i.passScore })}</span>
                <Typography.Text type="secondary">{i.inspector.name}</Typography.Text>
              </Space>
              {i.notes && <div>{i.notes}</div>}
            </li>
          ))}
        </ul>
      )}
      {mayRecord && <InspectionModal code={code} open={recording} onClose={() => setRecording(false)} />}
    </section>
  );
}
