import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { type Claim, problemReasons, useClaim, useCoverage, useSubmitClaim, useUpdateClaim } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { currentLanguage } from '../../../i18n';
import { formatYuan, parseYuan } from '../../../lib/money';
import { ApplySteps, ClaimStatusBadge } from './AidBits';
import { DocumentSlot } from './DocumentSlot';

/** Changing what happened on a draft or returned claim (the address, the story, the amount). */
function DetailsEditor({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const update = useUpdateClaim(claim.id);
  const [address, setAddress] = useState(claim.incident.address);
  const [description, setDescription] = useState(claim.description);
  const [lossText, setLossText] = useState(claim.claimedLossFen !== null ? String(claim.claimedLossFen / 100) : '');
  const [error, setError] = useState<string | null>(null);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const lossFen = lossText.trim() ? parseYuan(lossText) : null;
    if (address.trim().length < 2) return setError(t('aid.apply.addressRequired'));
    if (lossText.trim() && lossFen === null) return setError(t('aid.precheck.amountInvalid'));
    setError(null);
    update.mutate({
      incidentAddress: address.trim(),
      description: description.trim(),
      ...(claim.claimedDays === null ? { claimedLossFen: lossFen } : {}),
    });
  };

  return (
    <details className="uc-panel uc-details">
      <summary>{t('aid.docs.editDetails')}</summary>
      <form className="uc-form" onSubmit={save} noValidate>
        <div>
          <label className="uc-field-label" htmlFor="e-address">
            {t('aid.apply.address')}
          </label>
          <input id="e-address" className="uc-input" value={address} onChange={(e) => setAddress(e.target.value)} />
        </div>
        <div>
          <label className="uc-field-label" htmlFor="e-description">
            {t('aid.apply.description')}
          </label>
          <textarea
            id="e-description"
            className="uc-textarea"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {claim.claimedDays === null && (
          <div>
            <label className="uc-field-label" htmlFor="e-loss">
              {t('aid.apply.claimedLoss')}
            </label>
            <input
              id="e-loss"
              className="uc-input"
              inputMode="decimal"
              value={lossText}
              onChange={(e) => setLossText(e.target.value)}
            />
          </div>
        )}
        {error && <p className="uc-field-error">{error}</p>}
        {update.isError && (
          <p className="uc-field-error" role="alert">
            {update.error instanceof ApiError ? update.error.message : t('common.network')}
          </p>
        )}
        <button type="submit" className="uc-button uc-button-secondary uc-button-block" disabled={update.isPending}>
          {update.isSuccess && !update.isPending ? t('aid.docs.saved') : t('aid.docs.saveDetails')}
        </button>
      </form>
    </details>
  );
}

/** Steps 3 and 4: the documents, by type, from the phone camera or a file; then submit (or resubmit after a return). */
export default function DocumentsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const claim = useClaim(id, 'member');
  const coverage = useCoverage(claim.data?.coverage.code, claim.data?.incident.date);
  const submit = useSubmitClaim(id);
  const lang = currentLanguage();
  const back = { to: claim.data ? `/aid/claims/${id}` : '/aid', label: t('aid.nav.back') };

  if (claim.isPending)
    return (
      <MemberShell title={t('aid.docs.title')} back={back} busy>
        <FullPageLoading />
      </MemberShell>
    );
  if (claim.isError)
    return (
      <MemberShell title={t('aid.docs.title')} back={back}>
        <FullPageError
          message={claim.error instanceof ApiError && claim.error.status === 404 ? t('aid.claim.notFound') : undefined}
          onRetry={() => void claim.refetch()}
        />
      </MemberShell>
    );

  const c = claim.data;
  const editable = c.status === 'draft' || c.status === 'returned';
  // once submitted (here or elsewhere) the claim is no longer editable: show it, with the confirmation if it was us
  if (!editable) return <Navigate to={`/aid/claims/${id}${submit.isSuccess ? '?submitted=1' : ''}`} replace />;

  const hints = new Map(
    (coverage.data?.rule?.requiredDocuments ?? []).map((d) => [d.code, d.hint ? d.hint[lang] : null]),
  );
  const missingAsked = new Set(c.missingDocuments.map((d) => d.code));
  const stillMissing = c.requiredDocuments.filter((d) => !d.uploaded);
  const byType = (code: string) => c.documents.filter((d) => d.type === code);
  const reasons = problemReasons(submit.error);
  // a refusal for missing documents is over once they are all here: then the page says it may be submitted
  const refused = submit.isError && !(stillMissing.length === 0 && reasons.every((r) => r.code === 'missingDocuments'));

  const onSubmit = () => submit.mutate();

  return (
    <MemberShell title={t('aid.docs.title')} back={back}>
      <ApplySteps current={stillMissing.length ? 3 : 4} />
      <section className="uc-panel">
        <div className="uc-claim-item-head">
          <h1 className="uc-aid-h1">{c.coverage.name}</h1>
          <ClaimStatusBadge status={c.status} />
        </div>
        <p className="uc-claim-item-meta">
          <span className="uc-mono">{c.claimNo}</span>
          <span>{t('aid.home.incidentOn', { date: c.incident.date })}</span>
          {c.claimedLossFen !== null && (
            <span>
              {t('aid.claim.claimedLoss')} {formatYuan(c.claimedLossFen)}
            </span>
          )}
        </p>
      </section>

      {c.status === 'returned' && (
        <section className="uc-alert-box" aria-labelledby="returned-title" data-testid="returned-box">
          <h2 id="returned-title">{t('aid.claim.returnedReason')}</h2>
          <p>{c.decisionReason}</p>
          {c.missingDocuments.length > 0 && (
            <>
              <h3 className="uc-gap-top">{t('aid.claim.missing')}</h3>
              <ul className="uc-reasons">
                {c.missingDocuments.map((d) => (
                  <li key={d.code}>{d.label}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="docs-title" className="uc-form">
        <div>
          <h2 id="docs-title" className="uc-aid-h2">
            {t('aid.docs.title')}
          </h2>
          <p className="uc-muted">{t('aid.docs.intro')}</p>
        </div>
        {c.requiredDocuments.map((d) => (
          <DocumentSlot
            key={d.code}
            claimId={c.id}
            code={d.code}
            label={d.label}
            hint={hints.get(d.code)}
            required
            documents={byType(d.code)}
            editable
            highlight={missingAsked.has(d.code) || (refused && !d.uploaded)}
          />
        ))}
        <DocumentSlot
          claimId={c.id}
          code="other"
          label={t('aid.docs.other')}
          required={false}
          documents={byType('other')}
          editable
          highlight={false}
        />
      </section>

      <DetailsEditor claim={c} />

      <section className="uc-panel uc-form" aria-live="polite">
        {refused ? null : stillMissing.length === 0 ? (
          <p className="uc-alert-box uc-alert-box-good">{t('aid.docs.allDone')}</p>
        ) : (
          <p className="uc-alert-box" data-testid="still-missing">
            {t('aid.docs.missing', {
              count: stillMissing.length,
              list: stillMissing.map((d) => d.label).join(t('common.listSeparator')),
            })}
          </p>
        )}
        {refused && (
          <div className="uc-alert-box uc-alert-box-bad" role="alert" data-testid="submit-refused">
            <h2>{t('aid.docs.refused')}</h2>
            {reasons.length > 0 ? (
              <ul className="uc-reasons">
                {reasons.map((r) => (
                  <li key={r.code + r.message} data-code={r.code}>
                    {r.message}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{submit.error instanceof ApiError ? submit.error.message : t('common.network')}</p>
            )}
          </div>
        )}
        <button
          type="button"
          className="uc-button uc-button-primary uc-button-block"
          onClick={onSubmit}
          disabled={submit.isPending}
        >
          {submit.isPending
            ? t('aid.docs.submitting')
            : c.status === 'returned'
              ? t('aid.docs.resubmit')
              : t('aid.docs.submit')}
        </button>
      </section>
    </MemberShell>
  );
}
