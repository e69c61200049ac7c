import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { certificateUrl, useMyHours, useMyShifts, useShiftSignup, type VolunteerShift } from '../../../api/care';
import { MemberShell } from '../../../components/MemberShell';
import { formatDate } from '../../../lib/dates';
import { downloadFromApi } from '../../../lib/download';
import { Announce, errorText, QueryState } from './CareBits';

function ShiftCard({ shift }: { shift: VolunteerShift }) {
  const { t } = useTranslation();
  const signup = useShiftSignup();
  const full = shift.signedUp >= shift.capacity;
  const titleId = `shift-${shift.id}`;
  return (
    <li className="uc-care-item" aria-labelledby={titleId} data-testid="shift">
      <span id={titleId} className="uc-care-item-title">
        {shift.title}
      </span>
      <span className="uc-care-item-meta">
        {formatDate(shift.date)} {shift.startTime}–{shift.endTime} · {shift.community}
      </span>
      <span className="uc-care-item-meta">{shift.task}</span>
      <span className="uc-care-item-meta">
        {t('care.member.places', { taken: shift.signedUp, capacity: shift.capacity })}
      </span>
      {shift.mine ? (
        <span className="uc-care-row">
          <span className="uc-care-badge">{t('care.member.signedUp')}</span>
          <button
            type="button"
            className="uc-button uc-button-secondary"
            disabled={signup.isPending}
            onClick={() => signup.mutate({ id: shift.id, cancel: true })}
            aria-label={t('care.member.cancelFor', { title: shift.title })}
          >
            {t('care.member.cancel')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="uc-button uc-button-primary uc-button-block"
          disabled={signup.isPending || full}
          onClick={() => signup.mutate({ id: shift.id })}
          aria-label={t('care.member.signUpFor', { title: shift.title })}
        >
          {full ? t('care.member.full') : t('care.member.signUp')}
        </button>
      )}
      {signup.isError && <Announce tone="error">{errorText(signup.error, t('common.network'))}</Announce>}
    </li>
  );
}

/** 志愿服务 for the member: open shifts to sign up for, hours this year and the certificate PDF. */
export default function ShiftsPage() {
  const { t } = useTranslation();
  const shifts = useMyShifts();
  const year = new Date().getFullYear();
  const hours = useMyHours(year);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const download = () => {
    setDownloading(true);
    setDownloadError(null);
    downloadFromApi(certificateUrl(year), `volunteer-${year}.pdf`)
      .catch((err: unknown) => setDownloadError(errorText(err, t('common.network'))))
      .finally(() => setDownloading(false));
  };

  return (
    <MemberShell
      title={t('care.member.volunteer')}
      back={{ to: '/care', label: t('care.member.title') }}
      busy={shifts.isPending}
    >
      <h1 className="uc-aid-h1">{t('care.member.volunteer')}</h1>
      <section className="uc-panel" aria-labelledby="my-hours">
        <h2 id="my-hours" className="uc-panel-title">
          {t('care.member.myHours', { year })}
        </h2>
        <p className="uc-care-hours" data-testid="my-hours">
          {t('care.member.hoursValue', {
            hours: hours.data?.hours ?? 0,
            shifts: hours.data?.shifts.filter((s) => s.minutes !== null).length ?? 0,
          })}
        </p>
        <button
          type="button"
          className="uc-button uc-button-secondary uc-button-block"
          onClick={download}
          disabled={downloading || !hours.data || hours.data.minutes === 0}
        >
          {downloading ? t('common.loading') : t('care.member.certificate', { year })}
        </button>
        {downloadError && <Announce tone="error">{downloadError}</Announce>}
      </section>
      <section aria-labelledby="open-shifts">
        <h2 id="open-shifts" className="uc-aid-h2">
          {t('care.member.openShifts')}
        </h2>
        <QueryState query={shifts}>
          {(list) =>
            list.length === 0 ? (
              <p className="uc-panel uc-muted">{t('care.member.noShifts')}</p>
            ) : (
              <ul className="uc-care-list">
                {list.map((s) => (
                  <ShiftCard key={s.id} shift={s} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </MemberShell>
  );
}
