import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type StationStatus, useChangeStatus } from '../../../api/stationsConsole';

interface Values {
  status: StationStatus;
  reason: string;
}

/** Moves a station along its life cycle; the reason is required and lands in the status history. */
export function StatusChangeModal({
  code,
  next,
  open,
  onClose,
}: {
  code: string;
  next: StationStatus[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangeStatus(code);
  const chosen = Form.useWatch('status', form);

  const submit = (values: Values) =>
    change.mutate(
      { status: values.status, reason: values.reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('stationsConsole.statusChange.done'));
          form.resetFields();
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
      open={open}
      title={t('stationsConsole.statusChange.title')}
      okText={t('stationsConsole.statusChange.submit')}
      onOk={() => form.submit()}
      confirmLoading={change.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ status: next[0] }}>
        <Form.Item
          name="status"
          label={t('stationsConsole.statusChange.to')}
          rules={[{ required: true, message: t('stationsConsole.statusChange.toRequired') }]}
        >
          <Select options={next.map((s) => ({ value: s, label: t(`stationsConsole.status.${s}`) }))} />
        </Form.Item>
        {chosen === 'exited' && (
          <Alert type="warning" showIcon title={t('stationsConsole.statusChange.exitWarning')} className="uc-mb" />
        )}
        <Form.Item
          name="reason"
          label={t('stationsConsole.statusChange.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              min: 2,
              max: 500,
              message: t('stationsConsole.statusChange.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('stationsConsole.statusChange.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
