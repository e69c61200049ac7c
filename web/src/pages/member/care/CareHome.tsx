import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyHandovers, useMyHours } from '../../../api/care';
import { MemberShell } from '../../../components/MemberShell';
import { formatDate } from '../../../lib/dates';
import { QueryState } from './CareBits';

/** 关爱普惠 for the member: what is waiting for their confirmation, their volunteering and the competitions. */
export default function CareHome() {
  const { t } = useTranslation();
  const handovers = useMyHandovers();
  const year = new Date().getFullYear();
  const hours = useMyHours(year);

  return (
    <MemberShell title={t('care.member.title')} back={{ to: '/', label: t('aid.nav.home') }} busy={handovers.isPending}>
      <section aria-labelledby="care-title">
        <h1 id="care-title" className="uc-aid-h1">
          {t('care.member.title')}
        </h1>
        <p className="uc-aid-lead">{t('care.member.intro')}</p>
      </section>

      <section aria-labelledby="to-confirm" className="uc-panel">
        <h2 id="to-confirm" className="uc-panel-title">
          {t('care.member.toConfirm')}
        </h2>
        <QueryState query={handovers}>
          {(list) => {
            const pending = list.filter((h) => !h.confirmedAt);
            const done = list.filter((h) => h.confirmedAt);
            return (
              <>
                {pending.length === 0 ? (
                  <p className="uc-muted">{t('care.member.nothingToConfirm')}</p>
                ) : (
                  <>
                    <ul className="uc-care-list" data-testid="pending-handovers">
                      {pending.map((h) => (
                        <li key={h.id} className="uc-care-item uc-care-item-pending">
                          <span className="uc-care-item-title">
                            {h.itemName} × {h.quantity} {h.unit}
                          </span>
                          <span className="uc-care-item-meta">
                            {h.distributionTitle} · {h.fromUnionName} · {formatDate(h.at)}
                          </span>
                        </li>
                      ))}
                    </ul>
                    <p className="uc-muted">{t('care.member.scanHint')}</p>
                  </>
                )}
                {done.length > 0 && (
                  <details className="uc-care-details">
                    <summary>{t('care.member.confirmedCount', { count: done.length })}</summary>
                    <ul className="uc-care-list" data-testid="confirmed-handovers">
                      {done.map((h) => (
                        <li key={h.id} className="uc-care-item">
                          <span className="uc-care-item-title">
                            {h.itemName} × {h.quantity} {h.unit}
                          </span>
                          <span className="uc-care-item-meta">
                            {t('care.member.confirmedOn', { date: formatDate(h.confirmedAt) })} · {h.distributionTitle}
                          </span>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </>
            );
          }}
        </QueryState>
      </section>

      <Link to="/care/shifts" className="uc-care-entry" data-testid="care-shifts-link">
        <span className="uc-care-entry-title">{t('care.member.volunteer')}</span>
        <span className="uc-care-entry-hint">
          {hours.data
            ? t('care.member.hoursThisYear', { year, hours: hours.data.hours })
            : t('care.member.volunteerHint')}
        </span>
      </Link>
      <Link to="/care/competitions" className="uc-care-entry">
        <span className="uc-care-entry-title">{t('care.member.competitions')}</span>
        <span className="uc-care-entry-hint">{t('care.member.competitionsHint')}</span>
      </Link>
    </MemberShell>
  );
}
