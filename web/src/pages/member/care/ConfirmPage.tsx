import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useConfirmByToken, useMyHandovers } from '../../../api/care';
import { CheckIcon } from '../../../components/Icons';
import { MemberShell } from '../../../components/MemberShell';
import { formatDateTime } from '../../../lib/dates';
import { Announce, errorText } from './CareBits';

/**
 * 确认领取, opened from the QR code the staff show at the hand-over (/care/confirm/:token): one large button; the
 * token proves the member was handed the goods, the session proves who they are.
 */
export default function ConfirmPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const confirm = useConfirmByToken();
  const mine = useMyHandovers();
  const done = confirm.data;
  const handover = done ? mine.data?.find((h) => h.id === done.id) : undefined;

  return (
    <MemberShell title={t('care.confirmPage.title')} back={{ to: '/care', label: t('care.member.title') }}>
      <section aria-labelledby="confirm-title" className="uc-panel uc-care-confirm">
        <h1 id="confirm-title" className="uc-aid-h1">
          {t('care.confirmPage.title')}
        </h1>
        {done ? (
          <div data-testid="confirm-done">
            <p className="uc-care-done">
              <CheckIcon aria-hidden="true" /> {t('care.confirmPage.done')}
            </p>
            <dl className="uc-rows">
              {handover && (
                <div>
                  <dt>{t('care.confirmPage.item')}</dt>
                  <dd>
                    {handover.itemName} · {handover.distributionTitle}
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('care.confirmPage.quantity')}</dt>
                <dd data-testid="confirmed-quantity">
                  {done.quantity} {handover?.unit ?? ''}
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
        ) : (
          <>
            <p className="uc-aid-lead">{t('care.confirmPage.intro')}</p>
            {confirm.isError && <Announce tone="error">{errorText(confirm.error, t('common.network'))}</Announce>}
            <button
              type="button"
              className="uc-button uc-button-primary uc-button-block uc-care-big"
              onClick={() => confirm.mutate(token)}
              disabled={confirm.isPending || !token}
            >
              {confirm.isPending ? t('common.loading') : t('care.confirmPage.submit')}
            </button>
            <p className="uc-muted">{t('care.confirmPage.notMine')}</p>
          </>
        )}
      </section>
    </MemberShell>
  );
}
