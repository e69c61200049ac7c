import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { type Claim, useClaim } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { CheckIcon } from '../../../components/Icons';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import { ClaimStatusBadge } from './AidBits';

type StepState = 'done' | 'current' | 'todo' | 'stopped';

/** The four stages a member recognises, derived from the claim's status. */
function stages(c: Claim): { key: 'submit' | 'check' | 'decide' | 'pay'; state: StepState }[] {
  const order = { draft: 0, returned: 0, submitted: 1, workplace_checked: 2, approved: 3, rejected: 2, paid: 4 };
  const reached = order[c.status];
  const state = (i: number): StepState => {
    if (c.status === 'rejected' && i === 2) return 'stopped';
    if (c.status === 'returned' && i === 0) return 'stopped';
    if (i < reached) return 'done';
    return i === reached && c.status !== 'rejected' ? 'current' : 'todo';
  };
  return (['submit', 'check', 'decide', 'pay'] as const).map((key, i) => ({ key, state: state(i) }));
}

/** A member's claim: where it stands, why, what is missing, what was paid and when; and the whole history. */
export default function ClaimPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const claim = useClaim(id, 'member');
  const back = { to: '/aid', label: t('aid.nav.aidHome') };

  if (claim.isPending)
    return (
      <MemberShell title={t('aid.claim.title')} back={back} busy>
        <FullPageLoading />
      </MemberShell>
    );
  if (claim.isError)
    return (
      <MemberShell title={t('aid.claim.title')} back={back}>
        <FullPageError
          message={
            claim.error instanceof ApiError && claim.error.status === 404
              ? t('aid.claim.notFound')
              : claim.error instanceof ApiError
                ? claim.error.message
                : t('common.network')
          }
          onRetry={() => void claim.refetch()}
        />
      </MemberShell>
    );

  const c = claim.data;
  const justSubmitted = params.get('submitted') === '1' && c.status === 'submitted';
  const reasonFor = (action: string) =>
    c.decisionReason ?? [...c.events].reverse().find((e) => e.action === action)?.reason ?? null;
  const paid = c.status === 'paid' || c.payout?.status === 'paid';

  return (
    <MemberShell title={t('aid.claim.title')} back={back}>
      {justSubmitted && (
        <section className="uc-alert-box uc-alert-box-good" role="status" data-testid="submitted-banner">
          <h2>
            <CheckIcon aria-hidden="true" /> {t('aid.submitted.title')}
          </h2>
          <p>{t('aid.submitted.body', { no: c.claimNo })}</p>
        </section>
      )}

      <section className="uc-panel uc-claim-head" aria-labelledby="claim-title">
        <p className="uc-claim-item-meta">
          <span>{t('aid.claim.claimNo')}</span>{' '}
          <span className="uc-mono" data-testid="claim-no">
            {c.claimNo}
          </span>
        </p>
        <h1 id="claim-title" className="uc-aid-h1">
          {c.coverage.name}
        </h1>
        <p className="uc-claim-status-line">
          <ClaimStatusBadge status={c.status} />
        </p>
        <p className="uc-aid-lead">{t(`aid.statusHint.${c.status}`)}</p>

        {paid && c.payout && (
          <dl className="uc-facts" data-testid="paid-box">
            <div>
              <dt>{t('aid.claim.paidAmount')}</dt>
              <dd className="uc-money" data-testid="paid-amount">
                {formatYuan(c.payout.amountFen)}
              </dd>
            </div>
            <div>
              <dt>{t('aid.claim.paidOn')}</dt>
              <dd data-testid="paid-on">{formatDate(c.payout.paidOn)}</dd>
            </div>
          </dl>
        )}
        {c.status === 'approved' && c.approvedAmountFen !== null && (
          <dl className="uc-facts">
            <div>
              <dt>{t('aid.claim.approvedAmount')}</dt>
              <dd className="uc-money">{formatYuan(c.approvedAmountFen)}</dd>
            </div>
          </dl>
        )}
        {c.payout?.status === 'failed' && (
          <p className="uc-alert-box uc-gap-top">
            {t('aid.claim.payoutFailed', { reason: c.payout.failureReason ?? '—' })}
          </p>
        )}
      </section>

      {c.status === 'rejected' && (
        <section className="uc-alert-box uc-alert-box-bad" aria-labelledby="rejected-title" data-testid="rejected-box">
          <h2 id="rejected-title">{t('aid.claim.rejectedReason')}</h2>
          <p>{reasonFor('reject') ?? '—'}</p>
        </section>
      )}
      {c.status === 'returned' && (
        <section className="uc-alert-box" aria-labelledby="returned-title" data-testid="returned-box">
          <h2 id="returned-title">{t('aid.claim.returnedReason')}</h2>
          <p>{reasonFor('return') ?? '—'}</p>
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
      {(c.status === 'returned' || c.status === 'draft') && (
        <Link to={`/aid/claims/${c.id}/edit`} className="uc-button uc-button-primary uc-button-block">
          {c.status === 'returned' ? t('aid.claim.fix') : t('aid.claim.continue')}
        </Link>
      )}
      {c.decisionReason && (c.status === 'approved' || c.status === 'paid') && (
        <p className="uc-panel">
          <strong>
            {t('aid.claim.decisionNote')}
            {t('common.labelSeparator')}
          </strong>
          {c.decisionReason}
        </p>
      )}

      <section className="uc-panel" aria-labelledby="progress-title">
        <h2 id="progress-title" className="uc-aid-h2">
          {t('aid.claim.progress')}
        </h2>
        <ol className="uc-stages">
          {stages(c).map((s) => (
            <li key={s.key} data-state={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>
              {t(`aid.claim.steps.${s.key}`)}
            </li>
          ))}
        </ol>
      </section>

      <section className="uc-panel" aria-labelledby="facts-title">
        <h2 id="facts-title" className="uc-aid-h2">
          {t('aid.claim.title')}
        </h2>
        <dl className="uc-rows">
          <div>
            <dt>{t('aid.claim.incidentDate')}</dt>
            <dd>{formatDate(c.incident.date)}</dd>
          </div>
          <div>
            <dt>{t('aid.claim.address')}</dt>
            <dd>{c.incident.address}</dd>
          </div>
          {c.claimedLossFen !== null && (
            <div>
              <dt>{t('aid.claim.claimedLoss')}</dt>
              <dd>{formatYuan(c.claimedLossFen)}</dd>
            </div>
          )}
          {c.submittedAt && (
            <div>
              <dt>{t('aid.claim.submittedAt')}</dt>
              <dd>{formatDateTime(c.submittedAt)}</dd>
            </div>
          )}
          {c.deadline && (
            <div>
              <dt>{t('aid.claim.deadline')}</dt>
              <dd>{formatDate(c.deadline)}</dd>
            </div>
          )}
        </dl>
        <h3 className="uc-aid-h2 uc-gap-top">{t('aid.claim.documents')}</h3>
        {c.documents.length === 0 ? (
          <p className="uc-muted">{t('aid.claim.noDocuments')}</p>
        ) : (
          <ul className="uc-doclist">
            {c.documents.map((d) => (
              <li key={d.id}>
                {c.requiredDocuments.find((r) => r.code === d.type)?.label ?? t('aid.docs.other')}
                <small>{d.fileName}</small>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="uc-panel" aria-labelledby="history-title">
        <h2 id="history-title" className="uc-aid-h2">
          {t('aid.claim.history')}
        </h2>
        <ol className="uc-timeline" data-testid="claim-history">
          {[...c.events].reverse().map((e) => (
            <li key={`${e.at}-${e.action}`} data-action={e.action}>
              <span className="uc-timeline-when">{formatDateTime(e.at)}</span>
              <span className="uc-timeline-what">{t(`aid.event.${e.action}`, { defaultValue: e.action })}</span>
              {e.actorRole && e.actorRole !== 'member' && (
                <span className="uc-timeline-who">{t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}</span>
              )}
              {e.reason && <span className="uc-timeline-reason">{e.reason}</span>}
            </li>
          ))}
        </ol>
      </section>
    </MemberShell>
  );
}
