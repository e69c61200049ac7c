import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type PrecheckResult, useCoverage, usePrecheck, useSchemes } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { CheckIcon, CrossIcon } from '../../../components/Icons';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { currentLanguage } from '../../../i18n';
import { formatYuan, parseYuan } from '../../../lib/money';
import { beijingToday, loadPrecheck, type PrecheckState, savePrecheck } from './AidBits';

type Errors = Partial<Record<string, string>>;

/** "Am I covered?": coverage, date and the coverage's own questions, answered by the same rules as the review. */
export default function PrecheckPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const today = beijingToday();
  const previous = useRef(loadPrecheck()).current;
  // A link from an article or a text message (/aid/check?coverage=PIPE_BURST) opens with that coverage chosen.
  const [params] = useSearchParams();
  const linked = params.get('coverage');
  const [coverageCode, setCoverageCode] = useState(linked ?? previous?.coverageCode ?? '');
  const [incidentDate, setIncidentDate] = useState(previous?.incidentDate ?? '');
  const [answers, setAnswers] = useState<Record<string, string>>(previous?.answers ?? {});
  const [lossText, setLossText] = useState(previous?.lossFen !== undefined ? String(previous.lossFen / 100) : '');
  const [daysText, setDaysText] = useState(previous?.days !== undefined ? String(previous.days) : '');
  const [errors, setErrors] = useState<Errors>({});
  const resultRef = useRef<HTMLElement>(null);

  const schemes = useSchemes();
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(incidentDate) && incidentDate <= today;
  const coverage = useCoverage(coverageCode || undefined, validDate ? incidentDate : undefined);
  const precheck = usePrecheck();
  const rule = coverage.data?.rule ?? null;
  const benefit = rule?.benefit.kind;

  useEffect(() => {
    if (precheck.data) resultRef.current?.focus();
  }, [precheck.data]);

  const changed = () => {
    if (precheck.data || precheck.error) precheck.reset();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: Errors = {};
    if (!coverageCode) next.coverage = t('aid.precheck.chooseCoverage');
    if (!incidentDate) next.date = t('aid.precheck.dateRequired');
    else if (incidentDate > today) next.date = t('aid.precheck.dateFuture');
    for (const q of rule?.questions ?? [])
      if (q.required && !answers[q.code]) next[q.code] = t('aid.precheck.answerRequired');
    const lossFen = lossText.trim() ? parseYuan(lossText) : undefined;
    if (lossFen === null) next.loss = t('aid.precheck.amountInvalid');
    const days = daysText.trim() ? Number(daysText) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 3650))
      next.days = t('aid.precheck.daysInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) {
      document.getElementById(`q-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    const known = new Set((rule?.questions ?? []).map((q) => q.code));
    const input = {
      coverageCode,
      incidentDate,
      answers: Object.fromEntries(Object.entries(answers).filter(([k]) => known.has(k))),
      ...(benefit === 'percentOfLoss' && lossFen !== undefined && lossFen !== null ? { lossFen } : {}),
      ...(benefit === 'perDay' && days !== undefined ? { days } : {}),
    };
    precheck.mutate(input);
  };

  const apply = (result: PrecheckResult) => {
    const v = precheck.variables!;
    const state: PrecheckState = { ...v, coverageName: result.coverage.name };
    savePrecheck(state);
    navigate('/aid/apply');
  };

  if (schemes.isPending)
    return (
      <MemberShell title={t('aid.precheck.title')} back={{ to: '/aid', label: t('aid.nav.aidHome') }}>
        <FullPageLoading />
      </MemberShell>
    );
  if (schemes.isError)
    return (
      <MemberShell title={t('aid.precheck.title')} back={{ to: '/aid', label: t('aid.nav.aidHome') }}>
        <FullPageError onRetry={() => void schemes.refetch()} />
      </MemberShell>
    );

  const coverages = schemes.data.items.flatMap((s) => s.coverages);
  const result = precheck.data;

  return (
    <MemberShell title={t('aid.precheck.title')} back={{ to: '/aid', label: t('aid.nav.aidHome') }}>
      <div>
        <h1 className="uc-aid-h1">{t('aid.precheck.title')}</h1>
        <p className="uc-aid-lead">{t('aid.precheck.intro')}</p>
      </div>
      <form className="uc-form uc-panel" onSubmit={onSubmit} noValidate>
        <fieldset className="uc-fieldset" aria-describedby={errors.coverage ? 'err-coverage' : undefined}>
          <legend className="uc-legend">{t('aid.precheck.coverage')}</legend>
          <div className="uc-choices" id="q-coverage" tabIndex={-1}>
            {coverages.map((c) => (
              <label key={c.code} className="uc-choice">
                <input
                  type="radio"
                  name="coverage"
                  value={c.code}
                  checked={coverageCode === c.code}
                  onChange={() => {
                    setCoverageCode(c.code);
                    setAnswers({});
                    changed();
                  }}
                />
                <span>{c.name}</span>
              </label>
            ))}
          </div>
          {errors.coverage && (
            <p className="uc-field-error" id="err-coverage">
              {errors.coverage}
            </p>
          )}
        </fieldset>

        <div>
          <label className="uc-field-label" htmlFor="q-date">
            {t('aid.precheck.incidentDate')}
          </label>
          <input
            id="q-date"
            className="uc-input"
            type="date"
            max={today}
            value={incidentDate}
            aria-invalid={Boolean(errors.date)}
            aria-describedby={errors.date ? 'q-date-err' : undefined}
            onChange={(e) => {
              setIncidentDate(e.target.value);
              changed();
            }}
          />
          {errors.date && (
            <p className="uc-field-error" id="q-date-err">
              {errors.date}
            </p>
          )}
        </div>

        {rule && rule.questions.length > 0 && (
          <div className="uc-form">
            <h2 className="uc-aid-h2">{t('aid.precheck.questions')}</h2>
            {rule.questions.map((q) => (
              <fieldset key={q.code} className="uc-fieldset">
                <legend className="uc-legend">
                  {q.label[lang]}
                  {!q.required && (
                    <span className="uc-optional">{t('common.inParens', { text: t('aid.precheck.optional') })}</span>
                  )}
                </legend>
                <div className="uc-choices" id={`q-${q.code}`} tabIndex={-1}>
                  {q.options.map((o) => (
                    <label key={o.value} className="uc-choice">
                      <input
                        type="radio"
                        name={q.code}
                        value={o.value}
                        checked={answers[q.code] === o.value}
                        onChange={() => {
                          setAnswers((prev) => ({ ...prev, [q.code]: o.value }));
                          changed();
                        }}
                      />
                      <span>{o.label[lang]}</span>
                    </label>
                  ))}
                </div>
                {errors[q.code] && <p className="uc-field-error">{errors[q.code]}</p>}
              </fieldset>
            ))}
          </div>
        )}

        {benefit === 'percentOfLoss' && (
          <div>
            <label className="uc-field-label" htmlFor="q-loss">
              {t('aid.precheck.loss')}
              <span className="uc-optional">{t('common.inParens', { text: t('aid.precheck.optional') })}</span>
            </label>
            <p className="uc-field-hint">{t('aid.precheck.lossHint')}</p>
            <input
              id="q-loss"
              className="uc-input"
              inputMode="decimal"
              autoComplete="off"
              value={lossText}
              aria-invalid={Boolean(errors.loss)}
              onChange={(e) => {
                setLossText(e.target.value);
                changed();
              }}
            />
            {errors.loss && <p className="uc-field-error">{errors.loss}</p>}
          </div>
        )}
        {benefit === 'perDay' && (
          <div>
            <label className="uc-field-label" htmlFor="q-days">
              {t('aid.precheck.days')}
              <span className="uc-optional">{t('common.inParens', { text: t('aid.precheck.optional') })}</span>
            </label>
            <p className="uc-field-hint">{t('aid.precheck.daysHint')}</p>
            <input
              id="q-days"
              className="uc-input"
              inputMode="numeric"
              value={daysText}
              aria-invalid={Boolean(errors.days)}
              onChange={(e) => {
                setDaysText(e.target.value);
                changed();
              }}
            />
            {errors.days && <p className="uc-field-error">{errors.days}</p>}
          </div>
        )}

        <button type="submit" className="uc-button uc-button-primary uc-button-block" disabled={precheck.isPending}>
          {precheck.isPending ? t('aid.precheck.checking') : t('aid.precheck.submit')}
        </button>
        {precheck.isError && (
          <p className="uc-field-error" role="alert">
            {t('aid.precheck.failed', {
              message: precheck.error instanceof ApiError ? precheck.error.message : t('common.network'),
            })}
          </p>
        )}
      </form>

      {result && (
        <section
          ref={resultRef}
          tabIndex={-1}
          className={`uc-verdict${result.eligible ? '' : ' uc-verdict-no'}`}
          aria-live="polite"
          data-testid="precheck-result"
          data-eligible={result.eligible}
        >
          <h2 className="uc-verdict-head">
            {result.eligible ? <CheckIcon /> : <CrossIcon />}
            {result.eligible ? t('aid.result.eligible') : t('aid.result.notEligible')}
          </h2>
          {!result.eligible && (
            <>
              <h3 className="uc-aid-h2">{t('aid.result.why')}</h3>
              <ul className="uc-reasons" data-testid="precheck-reasons">
                {result.reasons.map((r) => (
                  <li key={r.code + r.message} data-code={r.code}>
                    {r.message}
                  </li>
                ))}
              </ul>
              <p className="uc-muted">{t('aid.result.notEligibleHelp')}</p>
            </>
          )}
          {result.eligible && (
            <dl className="uc-facts">
              {result.deadline && (
                <div>
                  <dt>{t('aid.result.deadline')}</dt>
                  <dd data-testid="precheck-deadline">{t('aid.result.deadlineValue', { date: result.deadline })}</dd>
                </div>
              )}
              <div>
                <dt>{t('aid.result.estimate')}</dt>
                {result.estimate?.amountFen != null ? (
                  <dd data-testid="precheck-estimate">
                    <span data-testid="precheck-amount">{formatYuan(result.estimate.amountFen)}</span>
                    <small>
                      {result.estimate.bound ? `${t(`aid.result.bound.${result.estimate.bound}`)} · ` : ''}
                      {t('aid.result.estimateNote')}
                    </small>
                  </dd>
                ) : (
                  <dd>
                    <small>{t('aid.result.estimateNone')}</small>
                  </dd>
                )}
              </div>
            </dl>
          )}
          {result.eligible && result.documents.length > 0 && (
            <>
              <h3 className="uc-aid-h2 uc-gap-top">{t('aid.result.documents')}</h3>
              <ol className="uc-doclist" data-testid="precheck-documents">
                {result.documents.map((d) => (
                  <li key={d.code}>
                    {d.label}
                    {d.hint && <small>{d.hint}</small>}
                  </li>
                ))}
              </ol>
            </>
          )}
          {result.ruleEffectiveFrom && (
            <p className="uc-muted">{t('aid.result.ruleFrom', { date: result.ruleEffectiveFrom })}</p>
          )}
          <div className="uc-actions uc-gap-top">
            {result.eligible && (
              <button
                type="button"
                className="uc-button uc-button-primary uc-button-block"
                onClick={() => apply(result)}
              >
                {t('aid.result.apply')}
              </button>
            )}
            <button
              type="button"
              className="uc-button uc-button-secondary uc-button-block"
              onClick={() => {
                precheck.reset();
                window.scrollTo({ top: 0 });
              }}
            >
              {t('aid.result.again')}
            </button>
          </div>
        </section>
      )}
    </MemberShell>
  );
}
