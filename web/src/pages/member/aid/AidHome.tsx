import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyClaims } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { formatDate } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import { ClaimStatusBadge, QuestionIcon } from './AidBits';

/** 互助保障 for the member: "Am I covered?" first, then their claims with status, reasons and amounts. */
export default function AidHome() {
  const { t } = useTranslation();
  const claims = useMyClaims();

  let list: ReactNode;
  if (claims.isPending) list = <FullPageLoading />;
  else if (claims.isError)
    list = (
      <FullPageError
        message={claims.error instanceof ApiError ? claims.error.message : t('common.network')}
        onRetry={() => void claims.refetch()}
      />
    );
  else if (claims.data.length === 0) list = <p className="uc-panel uc-muted">{t('aid.home.noClaims')}</p>;
  else
    list = (
      <ul className="uc-claims" data-testid="my-claims">
        {claims.data.map((c) => (
          <li key={c.id}>
            <Link to={`/aid/claims/${c.id}`} className="uc-claim-item" data-claim-no={c.claimNo}>
              <span className="uc-claim-item-head">
                <span className="uc-claim-item-name">{c.coverage.name}</span>
                <ClaimStatusBadge status={c.status} />
              </span>
              <span className="uc-claim-item-meta">
                <span className="uc-mono">{c.claimNo}</span>
                <span>{t('aid.home.incidentOn', { date: formatDate(c.incidentDate) })}</span>
              </span>
              {(c.status === 'approved' || c.status === 'paid') && c.approvedAmountFen !== null && (
                <span className="uc-claim-item-money">{formatYuan(c.approvedAmountFen)}</span>
              )}
              {/* the reason for a refusal or a return is always in sight, not behind a tap */}
              {(c.status === 'rejected' || c.status === 'returned') && c.decisionReason && (
                <span className="uc-claim-item-reason">{c.decisionReason}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    );

  return (
    <MemberShell title={t('aid.home.title')} back={{ to: '/', label: t('aid.nav.home') }} busy={claims.isPending}>
      <section aria-labelledby="aid-title">
        <h1 id="aid-title" className="uc-aid-h1">
          {t('aid.home.title')}
        </h1>
        <p className="uc-aid-lead">{t('aid.home.intro')}</p>
      </section>
      <Link to="/aid/check" className="uc-cta">
        <QuestionIcon />
        <span>
          <span className="uc-cta-title">{t('aid.home.checkCta')}</span>
          <span className="uc-cta-hint">{t('aid.home.checkCtaHint')}</span>
        </span>
      </Link>
      <section aria-labelledby="my-claims-title">
        <h2 id="my-claims-title" className="uc-aid-h2">
          {t('aid.home.myClaims')}
        </h2>
        {list}
      </section>
      <p className="uc-muted">{t('aid.home.help')}</p>
    </MemberShell>
  );
}
