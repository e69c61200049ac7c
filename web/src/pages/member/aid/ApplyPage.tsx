import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useConsentText, useStartClaim } from '../../../api/aid';
import { ApiError, NetworkError } from '../../../api/client';
import { ShieldIcon } from '../../../components/Icons';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { currentLanguage } from '../../../i18n';
import { parseYuan } from '../../../lib/money';
import { useDeviceDraft } from '../../../offline/draft';
import { SaveState } from '../../../offline/SaveState';
import { ApplySteps, clearPrecheck, loadPrecheck } from './AidBits';

/**
 * Steps 1 and 2 of an application: the consent to process personal information comes first, on its own screen and
 * ticked by the member; then what happened. Saving creates the draft and records the consent before any document
 * (an ID copy, a medical record) is sent.
 */
export default function ApplyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const pre = useRef(loadPrecheck()).current;
  const consent = useConsentText();
  const start = useStartClaim();
  const [step, setStep] = useState<1 | 2>(1);
  const [ticked, setTicked] = useState(false);
  const [declined, setDeclined] = useState(false);
  const [consentError, setConsentError] = useState(false);
  // what the member types is kept on this phone until the server has the claim (offline/draft.ts)
  const [blank] = useState(() => ({
    address: '',
    description: '',
    lossText: pre?.lossFen !== undefined ? String(pre.lossFen / 100) : '',
    daysText: pre?.days !== undefined ? String(pre.days) : '',
  }));
  const draft = useDeviceDraft(pre ? `aid-apply:${pre.coverageCode}:${pre.incidentDate}` : null, blank);
  const { address, description, lossText, daysText } = draft.value;
  const setAddress = (v: string) => draft.update({ address: v });
  const setDescription = (v: string) => draft.update({ description: v });
  const setLossText = (v: string) => draft.update({ lossText: v });
  const setDaysText = (v: string) => draft.update({ daysText: v });
  const [errors, setErrors] = useState<Partial<Record<'address' | 'loss' | 'days', string>>>({});
  const headingRef = useRef<HTMLHeadingElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each new step moves the focus to its heading
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  const back = { to: '/aid/check', label: t('aid.nav.back') };
  if (!pre) {
    return (
      <MemberShell title={t('aid.apply.title')} back={back}>
        <h1 className="uc-aid-h1">{t('aid.apply.title')}</h1>
        <p className="uc-alert-box">{t('aid.apply.noPrecheck')}</p>
        <Link to="/aid/check" className="uc-button uc-button-primary uc-button-block">
          {t('aid.precheck.title')}
        </Link>
      </MemberShell>
    );
  }

  const agree = () => {
    if (!ticked) {
      setConsentError(true);
      return;
    }
    setStep(2);
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (address.trim().length < 2) next.address = t('aid.apply.addressRequired');
    const lossFen = lossText.trim() ? parseYuan(lossText) : undefined;
    if (lossFen === null) next.loss = t('aid.precheck.amountInvalid');
    const days = daysText.trim() ? Number(daysText) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 3650))
      next.days = t('aid.precheck.daysInvalid');
    setErrors(next);
    if (Object.keys(next).length) {
      document.getElementById(`f-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    start.mutate(
      {
        consentVersion: consent.data!.version,
        input: {
          coverageCode: pre.coverageCode,
          incidentDate: pre.incidentDate,
          incidentAddress: address.trim(),
          description: description.trim(),
          answers: pre.answers,
          ...(lossFen !== undefined && lossFen !== null ? { claimedLossFen: lossFen } : {}),
          ...(days !== undefined ? { claimedDays: days } : {}),
        },
      },
      {
        onSuccess: (claim) => {
          draft.clear();
          clearPrecheck();
          navigate(`/aid/claims/${claim.id}/edit`, { replace: true });
        },
      },
    );
  };

  let body: ReactNode;
  if (consent.isPending) body = <FullPageLoading />;
  else if (consent.isError) body = <FullPageError onRetry={() => void consent.refetch()} />;
  else if (step === 1)
    body = (
      <section className="uc-panel uc-form" aria-labelledby="consent-title">
        <h1 id="consent-title" className="uc-aid-h1" tabIndex={-1} ref={headingRef}>
          {t('aid.apply.consentTitle')}
        </h1>
        <p className="uc-aid-lead">{t('aid.apply.consentIntro')}</p>
        <p className="uc-consent-text" data-testid="consent-text">
          {consent.data.text[currentLanguage()]}
        </p>
        <p className="uc-muted">{t('aid.apply.consentVersion', { version: consent.data.version })}</p>
        <label className="uc-choice">
          <input
            type="checkbox"
            checked={ticked}
            aria-invalid={consentError && !ticked}
            onChange={(e) => {
              setTicked(e.target.checked);
              setConsentError(false);
              setDeclined(false);
            }}
          />
          <span>{t('aid.apply.consentCheck')}</span>
        </label>
        {consentError && !ticked && (
          <p className="uc-field-error" role="alert">
            {t('aid.apply.consentRequired')}
          </p>
        )}
        <div className="uc-actions">
          <button type="button" className="uc-button uc-button-primary uc-button-block" onClick={agree}>
            {t('aid.apply.agree')}
          </button>
          <button
            type="button"
            className="uc-button uc-button-secondary uc-button-block"
            onClick={() => {
              setTicked(false);
              setDeclined(true);
            }}
          >
            {t('aid.apply.decline')}
          </button>
        </div>
        {declined && (
          <p className="uc-alert-box" role="status">
            {t('aid.apply.declined')}
          </p>
        )}
      </section>
    );
  else
    body = (
      <form className="uc-panel uc-form" onSubmit={save} noValidate aria-labelledby="details-title">
        <h1 id="details-title" className="uc-aid-h1" tabIndex={-1} ref={headingRef}>
          {t('aid.apply.detailsTitle')}
        </h1>
        <dl className="uc-rows">
          <div>
            <dt>{t('aid.apply.coverage')}</dt>
            <dd>{pre.coverageName}</dd>
          </div>
          <div>
            <dt>{t('aid.apply.incidentDate')}</dt>
            <dd>{pre.incidentDate}</dd>
          </div>
        </dl>
        <div>
          <label className="uc-field-label" htmlFor="f-address">
            {t('aid.apply.address')}
          </label>
          <p className="uc-field-hint">{t('aid.apply.addressHint')}</p>
          <input
            id="f-address"
            className="uc-input"
            autoComplete="street-address"
            maxLength={200}
            value={address}
            aria-invalid={Boolean(errors.address)}
            onChange={(e) => setAddress(e.target.value)}
          />
          {errors.address && <p className="uc-field-error">{errors.address}</p>}
        </div>
        <div>
          <label className="uc-field-label" htmlFor="f-description">
            {t('aid.apply.description')}
          </label>
          <p className="uc-field-hint">{t('aid.apply.descriptionHint')}</p>
          <textarea
            id="f-description"
            className="uc-textarea"
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {pre.days === undefined ? (
          <div>
            <label className="uc-field-label" htmlFor="f-loss">
              {t('aid.apply.claimedLoss')}
            </label>
            <input
              id="f-loss"
              className="uc-input"
              inputMode="decimal"
              value={lossText}
              aria-invalid={Boolean(errors.loss)}
              onChange={(e) => setLossText(e.target.value)}
            />
            {errors.loss && <p className="uc-field-error">{errors.loss}</p>}
          </div>
        ) : (
          <div>
            <label className="uc-field-label" htmlFor="f-days">
              {t('aid.apply.claimedDays')}
            </label>
            <input
              id="f-days"
              className="uc-input"
              inputMode="numeric"
              value={daysText}
              aria-invalid={Boolean(errors.days)}
              onChange={(e) => setDaysText(e.target.value)}
            />
            {errors.days && <p className="uc-field-error">{errors.days}</p>}
          </div>
        )}
        <p className="uc-note">
          <ShieldIcon aria-hidden="true" /> {t('aid.apply.diagnosisNote')}
        </p>
        <SaveState where="phone" at={draft.savedAt} />
        <button type="submit" className="uc-button uc-button-primary uc-button-block" disabled={start.isPending}>
          {start.isPending ? t('aid.apply.saving') : t('aid.apply.save')}
        </button>
        {/* no network: TanStack Query holds the save and sends it when the phone is online again */}
        {(start.isPaused || (start.isError && start.error instanceof NetworkError)) && draft.savedAt && (
          <p className="uc-field-error" role="alert">
            {t('offline.saveFailedKept')}
          </p>
        )}
        {start.isError && !(start.error instanceof NetworkError && draft.savedAt) && (
          <p className="uc-field-error" role="alert">
            {t('aid.apply.failed', {
              message: start.error instanceof ApiError ? start.error.message : t('common.network'),
            })}
          </p>
        )}
      </form>
    );

  return (
    <MemberShell title={t('aid.apply.title')} back={step === 2 ? { ...back, to: '/aid/check' } : back}>
      <ApplySteps current={step} />
      {body}
    </MemberShell>
  );
}
