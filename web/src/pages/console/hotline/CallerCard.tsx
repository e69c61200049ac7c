import { PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallerLookup } from '../../../api/hotline';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { CardStatusTag, MemberStatusTag } from '../tags';

/** mm:ss (h:mm:ss past an hour) since `startedAt`, ticking each second until `endedAt`. */
export function CallTimer({ startedAt, endedAt }: { startedAt: string | null; endedAt: string | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt || endedAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [startedAt, endedAt]);
  const end = endedAt ? Date.parse(endedAt) : now;
  const seconds = startedAt ? Math.max(0, Math.floor((end - Date.parse(startedAt)) / 1000)) : 0;
  return (
    <span
      className={`uc-call-timer${startedAt && !endedAt ? ' uc-call-timer-live' : ''}`}
      role="timer"
      aria-label={t('hotline.operator.timer')}
      data-testid="call-timer"
    >
      {formatDuration(seconds)}
    </span>
  );
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

interface PhoneBoxProps {
  inputRef: RefObject<HTMLInputElement | null>;
  busy: boolean;
  disabled: boolean;
  onIdentify: (phone: string) => void;
  error?: string;
}

/** The caller's number (from caller ID or typed): Enter identifies the caller and opens the consultation. */
export function PhoneBox({ inputRef, busy, disabled, onIdentify, error }: PhoneBoxProps) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = () => {
    const digits = phone.replace(/\D/g, '');
    if (!/^1\d{10}$/.test(digits)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onIdentify(digits);
  };
  return (
    <div className="uc-phone-box">
      <label htmlFor="caller-phone" className="uc-phone-label">
        {t('hotline.operator.callerPhone')}
      </label>
      <Space.Compact>
        <Input
          id="caller-phone"
          ref={(el) => {
            inputRef.current = el?.input ?? null;
          }}
          size="large"
          prefix={<PhoneOutlined aria-hidden="true" />}
          inputMode="tel"
          autoComplete="off"
          maxLength={13}
          value={phone}
          disabled={disabled}
          status={invalid || error ? 'error' : undefined}
          aria-invalid={invalid}
          aria-describedby="caller-phone-hint"
          placeholder="138 0000 0001"
          onChange={(e) => setPhone(e.target.value)}
          onPressEnter={submit}
          data-testid="caller-phone"
        />
        <Button size="large" type="primary" onClick={submit} loading={busy} disabled={disabled}>
          {t('hotline.operator.identify')}
        </Button>
      </Space.Compact>
      <Typography.Text type={invalid || error ? 'danger' : 'secondary'} id="caller-phone-hint" className="uc-hint">
        {invalid ? t('hotline.operator.phoneInvalid') : (error ?? t('hotline.operator.phoneHint'))}
      </Typography.Text>
    </div>
  );
}

/** Who is calling, masked: name, union, ID tail, card and whether it covers today; earlier calls from the number. */
export function CallerCard({ lookup }: { lookup: CallerLookup }) {
  const { t } = useTranslation();
  const m = lookup.member;
  return (
    <div className="uc-caller-card" data-testid="caller-card">
      {m ? (
        <>
          <div className="uc-caller-name">
            <UserOutlined aria-hidden="true" /> <strong data-testid="caller-name">{m.name}</strong>
            <MemberStatusTag status={m.memberStatus} />
            <Typography.Text type="secondary">{lookup.phoneMasked}</Typography.Text>
          </div>
          <Descriptions size="small" column={2} className="uc-caller-facts">
            <Descriptions.Item label={t('hotline.operator.union')}>
              <span data-testid="caller-union">{m.union.name}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.operator.idNumber')}>
              <span className="uc-mono">{m.idNumberMasked}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('hotline.operator.card')}>
              {m.card ? (
                <Space size={4} wrap>
                  <span className="uc-mono">{m.card.cardNoMasked}</span>
                  <CardStatusTag status={m.card.status} />
                  <Tag color={m.card.coversToday ? 'success' : 'warning'} data-testid="card-covers-today">
                    {m.card.coversToday ? t('hotline.operator.coversToday') : t('hotline.operator.notCoveringToday')}
                  </Tag>
                </Space>
              ) : (
                <CardStatusTag status="none" />
              )}
            </Descriptions.Item>
            {m.card && (
              <Descriptions.Item label={t('hotline.operator.validity')}>
                {formatDate(m.card.validFrom)} ~ {formatDate(m.card.validTo)}
              </Descriptions.Item>
            )}
          </Descriptions>
        </>
      ) : (
        <Alert type="info" showIcon title={t('hotline.operator.notMember', { phone: lookup.phoneMasked })} />
      )}
      {lookup.previous.length > 0 && (
        <Typography.Text type="secondary" className="uc-caller-previous">
          {t('hotline.operator.previous')}
          {t('common.labelSeparator')}
          {lookup.previous
            .map(
              (p) =>
                `${formatDateTime(p.startedAt)} ${p.topic ? t(`hotline.topic.${p.topic}`) : ''}${
                  p.outcome ? t('common.inParens', { text: t(`hotline.outcome.${p.outcome}`) }) : ''
                }`,
            )
            .join(t('common.clauseSeparator'))}
        </Typography.Text>
      )}
    </div>
  );
}
