import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Rate, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type Consultation, OUTCOMES, type Outcome, useCloseConsultation, useSatisfaction } from '../../../api/hotline';
import { formatDateTime } from '../../../lib/dates';
import { formatDuration } from './CallerCard';

/**
 * What the call came to, by what happened during it: a claim drafted, else an answer given. Nothing recorded is no
 * evidence of anything: the operator chooses (a guessed "referred" would fill the unanswered-questions report).
 */
function suggestedOutcome(c: Consultation): Outcome | undefined {
  if (c.claims.length > 0) return 'claim_started';
  if (c.answers.length > 0) return 'answered';
  return undefined;
}

/** End the call: outcome, notes and (for "follow up") the due time and what to do; then the feedback link. */
export function CloseCall({ consultation, onNext }: { consultation: Consultation; onNext: () => void }) {
  const { t } = useTranslation();
  const ids = { outcome: useId(), notes: useId(), due: useId(), note: useId() };
  const close = useCloseConsultation(consultation.id);
  const [outcome, setOutcome] = useState<Outcome | undefined>(() => suggestedOutcome(consultation));
  const [notes, setNotes] = useState('');
  const [due, setDue] = useState<Dayjs | null>(null);
  const [followNote, setFollowNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [tried, setTried] = useState(false);
  const closed = Boolean(consultation.endedAt);

  // the suggestion follows the call until the operator chooses
  useEffect(() => {
    if (!touched) setOutcome(suggestedOutcome(consultation));
  }, [consultation, touched]);

  if (closed) return <Ended consultation={consultation} onNext={onNext} />;

  const needsFollowUp = outcome === 'follow_up';
  const followUpMissing = needsFollowUp && (!due || !followNote.trim());
  const problem = close.error instanceof ApiError ? close.error : null;
  const outcomeMissing = tried && !outcome;

  const submit = () => {
    if (!outcome) {
      setTried(true);
      document.getElementById(ids.outcome)?.focus();
      return;
    }
    if (followUpMissing) return;
    close.mutate({
      outcome,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(needsFollowUp && due ? { followUp: { dueAt: due.toISOString(), note: followNote.trim() } } : {}),
    });
  };

  return (
    <Form layout="inline" className="uc-close-call" onFinish={submit}>
      <Form.Item
        label={t('hotline.close.outcome')}
        htmlFor={ids.outcome}
        required
        validateStatus={outcomeMissing ? 'error' : undefined}
        help={outcomeMissing ? t('hotline.close.outcomeRequired') : undefined}
      >
        <Select
          id={ids.outcome}
          className="uc-close-outcome"
          placeholder={t('hotline.close.chooseOutcome')}
          aria-required
          aria-invalid={outcomeMissing}
          value={outcome}
          onChange={(v: Outcome) => {
            setOutcome(v);
            setTouched(true);
          }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`hotline.outcome.${o}`) }))}
          data-testid="close-outcome"
        />
      </Form.Item>
      <Form.Item label={t('hotline.close.notes')} htmlFor={ids.notes} className="uc-close-notes">
        <Input id={ids.notes} value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      </Form.Item>
      {needsFollowUp && (
        <>
          <Form.Item label={t('hotline.close.due')} htmlFor={ids.due} required>
            <DatePicker
              id={ids.due}
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              value={due}
              onChange={setDue}
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
              data-testid="follow-up-due"
            />
          </Form.Item>
          <Form.Item label={t('hotline.close.followNote')} htmlFor={ids.note} required>
            <Input id={ids.note} value={followNote} maxLength={500} onChange={(e) => setFollowNote(e.target.value)} />
          </Form.Item>
        </>
      )}
      <Form.Item>
        <Button
          htmlType="submit"
          danger
          type="primary"
          icon={<PhoneOutlined rotate={135} />}
          loading={close.isPending}
          disabled={followUpMissing}
          data-testid="end-call"
        >
          {t('hotline.close.end')}
        </Button>
      </Form.Item>
      {problem && <Alert type="error" showIcon title={problem.message} className="uc-close-error" />}
    </Form>
  );
}

function Ended({ consultation, onNext }: { consultation: Consultation; onNext: () => void }) {
  const { t } = useTranslation();
  const satisfaction = useSatisfaction(consultation.id);
  const link = consultation.feedbackLink;
  return (
    <div className="uc-call-ended" data-testid="call-ended">
      <Space wrap size="large">
        <Typography.Text strong>
          {t('hotline.close.ended', {
            duration: formatDuration(consultation.durationSeconds),
            outcome: consultation.outcome ? t(`hotline.outcome.${consultation.outcome}`) : '—',
          })}
        </Typography.Text>
        {consultation.satisfaction ? (
          <Typography.Text>
            {t('hotline.close.satisfaction')}
            {t('common.labelSeparator')}
            <Rate disabled value={consultation.satisfaction.score} />
          </Typography.Text>
        ) : (
          <span>
            <Typography.Text>
              {t('hotline.close.askSatisfaction')}
              {t('common.labelSeparator')}
            </Typography.Text>
            <Rate
              aria-label={t('hotline.close.askSatisfaction')}
              disabled={satisfaction.isPending}
              onChange={(score) => score && satisfaction.mutate({ score })}
            />
          </span>
        )}
        {link && (
          <Typography.Text type="secondary">
            {t('hotline.close.feedbackLink', { expires: formatDateTime(link.expiresAt) })}{' '}
            <Typography.Text copyable code>
              {`${window.location.origin}${link.path}`}
            </Typography.Text>
          </Typography.Text>
        )}
        <Button type="primary" onClick={onNext} autoFocus data-testid="next-call">
          {t('hotline.close.next')}
        </Button>
      </Space>
    </div>
  );
}
