import '../../../i18n/care';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyHandovers, useMyShifts } from '../../../api/care';

/** 关爱普惠 entry on the member home: how many items wait for confirmation and how many shifts are open. */
export function CareEntry() {
  const { t } = useTranslation();
  const handovers = useMyHandovers();
  const shifts = useMyShifts();
  const pending = handovers.data?.filter((h) => !h.confirmedAt).length ?? 0;
  const open = shifts.data?.filter((s) => !s.mine && s.signedUp < s.capacity).length ?? 0;
  return (
    <Link to="/care" className="uc-home-entry uc-home-entry-care" data-testid="care-entry">
      <span className="uc-home-entry-title">{t('care.member.title')}</span>
      <span className="uc-home-entry-hint">
        {pending > 0 ? (
          <strong>{t('care.member.pendingCount', { count: pending })}</strong>
        ) : (
          t('care.member.noPending')
        )}
        {' · '}
        {t('care.member.openShiftsCount', { count: open })}
      </span>
    </Link>
  );
}
