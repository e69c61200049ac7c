import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PrecheckResult, useCoverage, useSchemes } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { type ClaimRef, useCallerPrecheck, useStartCallerClaim } from '../../../api/hotline';
import { currentLanguage } from '../../../i18n';
import { formatYuan, parseYuan } from '../../../lib/money';

/** Today in Beijing as YYYY-MM-DD. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

interface Props {
  consultationId: string;
  hasMember: boolean;
  /** Set from an answer's coverage ("pre-check this"); the operator can still change it. */
  coverageCode: string;
  onCoverageChange: (code: string) => void;
  claims: ClaimRef[];
  closed: boolean;
}

/**
 * The mutual-aid pre-check run for the caller, by the same rules as the member's own pre-check and the review; when
 * eligible, "start a claim for the caller" drafts it (the member or her workplace union completes and submits it).
 */
export function CallerPrecheck({ consultationId, hasMember, coverageCode, onCoverageChange, claims, closed }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const ids = { coverage: useId(), date: useId(), loss: useId() };
  const today = beijingToday();
  const [incidentDate, setIncidentDate] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [lossText, setLossText] = useState('');
  const [claimOpen, setClaimOpen] = useState(false);
  const schemes = useSchemes();
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(incidentDate) && incidentDate <= today;
  const coverage = useCoverage(coverageCode || undefined, validDate ? incidentDate : undefined);
  const precheck = useCallerPrecheck(consultationId);
  const rule = coverage.data?.rule ?? null;
  const lossFen = lossText.trim() ? parseYuan(lossText) : undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: another coverage asks other questions
  useEffect(() => {
    setAnswers({});
    precheck.reset();
  }, [coverageCode]);

  const changed = () => {
    if (precheck.data || precheck.error) precheck.reset();
  };

  const missing = !coverageCode || !validDate || (rule?.questions ?? []).some((q) => q.required && !answers[q.code]);

  const run = () => {
    if (missing) return;
    const known = new Set((rule?.questions ?? []).map((q) => q.code));
    precheck.mutate({
      coverageCode,
      incidentDate,
      answers: Object.fromEntries(Object.entries(answers).filter(([k]) => known.has(k))),
      ...(rule?.benefit.kind === 'percentOfLoss' && typeof lossFen === 'number' ? { lossFen } : {}),
    });
  };

  const result = precheck.data;
  const started = claims.find((c) => c.relation === 'started');
  const options = (schemes.data?.items ?? []).flatMap((s) =>
    s.coverages.map((c) => ({ value: c.code, label: c.name, title: s.name })),
  );

  return (
    <div className="uc-precheck" data-testid="caller-precheck">
      {!hasMember && <Alert type="info" showIcon title={t('hotline.precheck.needsMember')} />}
      <Form layout="vertical" size="middle" disabled={!hasMember || closed} onFinish={run} className="uc-precheck-form">
        <Space wrap align="start" size="middle">
          <Form.Item label={t('hotline.precheck.coverage')} htmlFor={ids.coverage} required>
            <Select
              id={ids.coverage}
              className="uc-precheck-coverage"
              showSearch={{ optionFilterProp: 'label' }}
              value={coverageCode || undefined}
              options={options}
              placeholder={t('hotline.precheck.chooseCoverage')}
              onChange={(v: string) => onCoverageChange(v)}
              data-testid="precheck-coverage"
            />
          </Form.Item>
          <Form.Item
            label={t('hotline.precheck.incidentDate')}
            htmlFor={ids.date}
            required
            validateStatus={incidentDate && !validDate ? 'error' : undefined}
            help={incidentDate && !validDate ? t('hotline.precheck.dateInvalid') : undefined}
          >
            <Input
              id={ids.date}
              type="date"
              max={today}
              value={incidentDate}
              onChange={(e) => {
                setIncidentDate(e.target.value);
                changed();
              }}
              data-testid="precheck-date"
            />
          </Form.Item>
          {rule?.benefit.kind === 'percentOfLoss' && (
            <Form.Item
              label={t('hotline.precheck.loss')}
              htmlFor={ids.loss}
              validateStatus={lossFen === null ? 'error' : undefined}
              help={lossFen === null ? t('hotline.precheck.lossInvalid') : undefined}
            >
              <Input
                id={ids.loss}
                inputMode="decimal"
                suffix="元"
                value={lossText}
                onChange={(e) => {
                  setLossText(e.target.value);
                  changed();
                }}
                data-testid="precheck-loss"
              />
            </Form.Item>
          )}
        </Space>
        {(rule?.questions ?? []).map((q) => (
          <div key={q.code} className="uc-precheck-q" role="radiogroup" aria-labelledby={`pq-${q.code}`}>
            <Typography.Text id={`pq-${q.code}`} className="uc-precheck-q-label">
              {q.label[lang]}
              {q.required && <span className="uc-required"> *</span>}
            </Typography.Text>
            <Radio.Group
              size="small"
              optionType="button"
              value={answers[q.code]}
              options={q.options.map((o) => ({ value: o.value, label: o.label[lang] }))}
              onChange={(e) => {
                setAnswers((prev) => ({ ...prev, [q.code]: e.target.value as string }));
                changed();
              }}
              data-testid={`precheck-q-${q.code}`}
            />
          </div>
        ))}
        <Button
          htmlType="submit"
          type="primary"
          loading={precheck.isPending}
          disabled={missing || closed || !hasMember}
          data-testid="run-precheck"
        >
          {t('hotline.precheck.run')}
        </Button>
      </Form>
      {precheck.isError && (
        <Alert
          type="error"
          showIcon
          title={precheck.error instanceof ApiError ? precheck.error.message : t('common.network')}
        />
      )}
      {result && <Verdict result={result} />}
      {started ? (
        <Alert
          type="success"
          showIcon
          data-testid="claim-started"
          title={t('hotline.precheck.claimStarted', { no: started.claimNo, coverage: started.coverage.name })}
          description={t('hotline.precheck.claimStartedHint')}
        />
      ) : (
        result?.eligible && (
          <Button type="primary" ghost onClick={() => setClaimOpen(true)} disabled={closed} data-testid="start-claim">
            {t('hotline.precheck.startClaim')}
          </Button>
        )
      )}
      {claimOpen && precheck.variables && (
        <StartClaimModal
          consultationId={consultationId}
          input={precheck.variables}
          onClose={() => setClaimOpen(false)}
        />
      )}
    </div>
  );
}

function Verdict({ result }: { result: PrecheckResult }) {
  const { t } = useTranslation();
  return (
    <section
      className={`uc-verdict-box ${result.eligible ? 'uc-verdict-yes' : 'uc-verdict-no'}`}
      aria-live="polite"
      data-testid="precheck-verdict"
      data-eligible={result.eligible}
    >
      <Typography.Text strong className="uc-verdict-title">
        {result.eligible ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
        {result.eligible ? t('hotline.precheck.eligible') : t('hotline.precheck.notEligible')}
        {result.eligible && result.estimate?.amountFen != null && (
          <> · {t('hotline.precheck.estimate', { amount: formatYuan(result.estimate.amountFen) })}</>
        )}
        {result.deadline && <> · {t('hotline.precheck.deadline', { date: result.deadline })}</>}
      </Typography.Text>
      {result.reasons.length > 0 && (
        <ul className="uc-verdict-reasons" data-testid="precheck-reasons">
          {result.reasons.map((r) => (
            <li key={r.code + r.message} data-code={r.code}>
              {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StartClaimModal({
  consultationId,
  input,
  onClose,
}: {
  consultationId: string;
  input: { coverageCode: string; incidentDate: string; answers: Record<string, string>; lossFen?: number };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ incidentAddress: string; description: string }>();
  const start = useStartCallerClaim(consultationId);
  const problem = start.error instanceof ApiError ? start.error : null;
  const reasons = (problem?.problem as { reasons?: { code: string; message: string }[] } | undefined)?.reasons ?? [];

  const submit = (values: { incidentAddress: string; description: string }) =>
    start.mutate(
      {
        coverageCode: input.coverageCode,
        incidentDate: input.incidentDate,
        answers: input.answers,
        incidentAddress: values.incidentAddress.trim(),
        description: values.description?.trim() ?? '',
        ...(input.lossFen !== undefined ? { claimedLossFen: input.lossFen } : {}),
      },
      { onSuccess: onClose },
    );

  return (
    <Modal
      open
      title={t('hotline.precheck.startClaimTitle')}
      okText={t('hotline.precheck.startClaimOk')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={start.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('hotline.precheck.startClaimHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ incidentAddress: '', description: '' }}>
        <Form.Item
          name="incidentAddress"
          label={t('hotline.precheck.address')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('hotline.precheck.addressRequired') }]}
          validateStatus={problem?.fieldError('incidentAddress') ? 'error' : undefined}
          help={problem?.fieldError('incidentAddress')}
        >
          <Input autoFocus maxLength={200} data-testid="claim-address" />
        </Form.Item>
        <Form.Item name="description" label={t('hotline.precheck.description')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="claim-description" />
        </Form.Item>
      </Form>
      {problem && !problem.fieldError('incidentAddress') && (
        <Alert
          type="error"
          showIcon
          title={problem.message}
          description={reasons.length ? reasons.map((r) => r.message).join(t('common.clauseSeparator')) : undefined}
        />
      )}
    </Modal>
  );
}
