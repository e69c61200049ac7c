import { EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type RevealField, useReveal } from '../../api/console';

const HIDE_AFTER_S = 30;
const MIN_REASON = 4;

interface Props {
  memberId: string;
  field: RevealField;
  masked: string | null;
  /** whether the signed-in user holds members.reveal; without it only the masked value is shown */
  allowed: boolean;
}

/**
 * A masked value with, for permitted staff, a button that asks for a reason, fetches the full value (the server
 * audit-logs it) and hides it again after 30 seconds.
 */
export function RevealValue({ memberId, field, masked, allowed }: Props) {
  const { t } = useTranslation();
  const reveal = useReveal(memberId);
  const reasonId = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  const [left, setLeft] = useState(0);

  useEffect(() => {
    if (value === null) return;
    const hideAt = Date.now() + HIDE_AFTER_S * 1000;
    setLeft(HIDE_AFTER_S);
    const timer = setInterval(() => {
      const remaining = Math.ceil((hideAt - Date.now()) / 1000);
      if (remaining <= 0) setValue(null);
      else setLeft(remaining);
    }, 250);
    return () => clearInterval(timer);
  }, [value]);

  const label = field === 'idNumber' ? t('detail.revealId') : t('detail.revealBank');
  const tooShort = reason.trim().length < MIN_REASON;

  const submit = async () => {
    setTouched(true);
    if (tooShort) return;
    try {
      const res = await reveal.mutateAsync({ field, reason: reason.trim() });
      setValue(res.value);
      setAsking(false);
      setReason('');
      setTouched(false);
    } catch {
      // the error is shown in the dialog from reveal.error
    }
  };

  const serverError = reveal.error instanceof ApiError ? reveal.error.fieldError('reason') : undefined;

  return (
    <Space wrap size={[8, 4]} className="uc-reveal">
      <span className="uc-mono" data-testid={`${field}-value`} aria-live="polite">
        {value ?? masked ?? '—'}
      </span>
      {value !== null ? (
        <>
          <Typography.Text type="secondary" className="uc-reveal-timer">
            {t('detail.hidesIn', { seconds: left })}
          </Typography.Text>
          <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => setValue(null)}>
            {t('common.hide')}
          </Button>
        </>
      ) : (
        allowed &&
        masked && (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
            {label}
          </Button>
        )
      )}
      <Modal
        open={asking}
        title={
          <span>
            <SafetyCertificateOutlined aria-hidden="true" /> {t('detail.revealTitle')}
          </span>
        }
        okText={label}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => {
          setAsking(false);
          setTouched(false);
          reveal.reset();
        }}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('detail.revealNotice')} className="uc-reveal-notice" />
        <Form layout="vertical" onFinish={() => void submit()}>
          <Form.Item
            label={t('detail.reason')}
            htmlFor={reasonId}
            required
            validateStatus={(touched && tooShort) || serverError ? 'error' : undefined}
            help={touched && tooShort ? t('detail.reasonTooShort') : serverError}
          >
            <Input.TextArea
              id={reasonId}
              autoFocus
              rows={3}
              maxLength={200}
              showCount
              value={reason}
              placeholder={t('detail.reasonPlaceholder')}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
        {reveal.error && !serverError && <Alert type="error" showIcon title={reveal.error.message} />}
      </Modal>
    </Space>
  );
}
