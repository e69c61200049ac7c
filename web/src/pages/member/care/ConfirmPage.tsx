import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type HandoverToConfirm, useConfirmByToken, useHandoverToConfirm } from '../../../api/care';
import { ApiError } from '../../../api/client';
import { CheckIcon } from '../../../components/Icons';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { formatDateTime } from '../../../lib/dates';
import { Announce, errorText } from './CareBits';

/** A refusal about the link itself (unknown, used, someone else's, malformed), not a failure to reach the server. */
const refusesLink = (err: Error | null) => err instanceof ApiError && err.status >= 400 && err.status < 500;

/** What the member signs for: the goods (and what one kit holds), how many, from which union, in which distribution. */
function WhatIsHandedOver({ h }: { h: HandoverToConfirm }) {
  const { t } = useTranslation();
  return (
    <dl className="uc-rows" data-testid="signing-for">
      <div>
        <dt>{t('care.confirmPage.item')}</dt>
        <dd data-testid="confirm-item">{h.itemName}</dd>
      </div>
      <div>
        <dt>{t('care.confirmPage.quantity')}</dt>
        <dd data-testid="confirm-quantity">
          {h.quantity} {h.unit}
        </dd>
      </div>
      {h.components.length > 0 && (
        <div>
          <dt>{t('care.confirmPage.kitHolds', { unit: h.unit })}</dt>
          <dd>
            <ul className="uc-care-kit" data-testid="kit-contents">
              {h.components.map((c) => (
                <li key={c.itemName}>
                  {c.itemName} {c.quantity} {c.unit}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('care.confirmPage.from')}</dt>
        <dd data-testid="confirm-from">{h.fromUnionName}</dd>
      </div>
      <div>
        <dt>{t('care.confirmPage.distribution')}</dt>
        <dd>{h.distributionTitle}</dd>
      </div>
      <div>
        <dt>{t('care.confirmPage.handedAt')}</dt>
        <dd>{formatDateTime(h.at)}</dd>
      </div>
    </dl>
  );
}

/**
 * 确认领取, opened from the QR code the staff show at the hand-over (/care/confirm/:token). The link is checked
 * first: the page shows what is being signed for, then one large button; a link that is unknown, used or not the
 * member's gets a plain explanation and no button. The token proves the member was handed the goods, the session
 * proves who they are.
 */
export default function ConfirmPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const link = useHandoverToConfirm(token);
  const confirm = useConfirmByToken();
  const done = confirm.data;
  const h = link.data;

  let body: ReactNode;
  if (done) {
    body = (
      <div data-testid="confirm-done">
        <p className="uc-care-done">
          <CheckIcon aria-hidden="true" /> {t('care.confirmPage.done')}
        </p>
        <dl className="uc-rows">
          {h && (
            <div>
              <dt>{t('care.confirmPage.item')}</dt>
              <dd>
                {h.itemName} · {h.distributionTitle}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('care.confirmPage.quantity')}</dt>
            <dd data-testid="confirmed-quantity">
              {done.quantity} {h?.unit ?? ''}
            </dd>
          </div>
          <div>
            <dt>{t('care.confirmPage.at')}</dt>
            <dd>{formatDateTime(done.confirmedAt)}</dd>
          </div>
        </dl>
        <Link to="/care" className="uc-button uc-button-secondary uc-button-block uc-mt">
          {t('care.confirmPage.back')}
        </Link>
      </div>
    );
  } else if (!token || refusesLink(link.error) || refusesLink(confirm.error)) {
    body = (
      <div data-testid="confirm-invalid">
        <div role="alert">
          <p className="uc-care-invalid-title">{t('care.confirmPage.invalidTitle')}</p>
          <p className="uc-aid-lead">{t('care.confirmPage.invalid')}</p>
        </div>
        <p className="uc-muted">{t('care.confirmPage.invalidHint')}</p>
        <Link to="/care" className="uc-button uc-button-secondary uc-button-block uc-mt">
          {t('care.confirmPage.back')}
        </Link>
      </div>
    );
  } else if (link.isPending) {
    body = <FullPageLoading />;
  } else if (!h) {
    body = <FullPageError message={t('common.network')} onRetry={() => void link.refetch()} />;
  } else {
    body = (
      <>
        <p className="uc-aid-lead">{t('care.confirmPage.intro')}</p>
        <p className="uc-care-signing-for">{t('care.confirmPage.signingFor')}</p>
        <WhatIsHandedOver h={h} />
        {confirm.isError && <Announce tone="error">{errorText(confirm.error, t('common.network'))}</Announce>}
        <button
          type="button"
          className="uc-button uc-button-primary uc-button-block uc-care-big"
          onClick={() => confirm.mutate(token)}
          disabled={confirm.isPending}
        >
          {confirm.isPending ? t('common.loading') : t('care.confirmPage.submit')}
        </button>
        <p className="uc-muted">{t('care.confirmPage.notMine')}</p>
      </>
    );
  }

  return (
    <MemberShell title={t('care.confirmPage.title')} back={{ to: '/care', label: t('care.member.title') }}>
      <section aria-labelledby="confirm-title" className="uc-panel uc-care-confirm">
        <h1 id="confirm-title" className="uc-aid-h1">
          {t('care.confirmPage.title')}
        </h1>
        {body}
      </section>
    </MemberShell>
  );
}
