import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MyCompetition, useMyCompetitions, useRegister } from '../../../api/care';
import { MemberShell } from '../../../components/MemberShell';
import { formatDate } from '../../../lib/dates';
import { Announce, errorText, QueryState } from './CareBits';

function CompetitionCard({ competition }: { competition: MyCompetition }) {
  const { t } = useTranslation();
  const register = useRegister();
  // the API may say which events the member entered; otherwise remember what was entered on this page
  const [entered, setEntered] = useState<string[]>([]);
  const registered = new Set([...(competition.registeredEvents ?? []), ...entered]);
  const titleId = `comp-${competition.id}`;
  return (
    <li className="uc-care-item" aria-labelledby={titleId}>
      <span id={titleId} className="uc-care-item-title">
        {competition.title}
      </span>
      <span className="uc-care-item-meta">
        {competition.unionName} · {formatDate(competition.startsOn)} – {formatDate(competition.endsOn)}
      </span>
      {competition.registrationClosesOn && (
        <span className="uc-care-item-meta">
          {t('care.member.closes', { date: formatDate(competition.registrationClosesOn) })}
        </span>
      )}
      <ul className="uc-care-events" aria-label={t('care.comp.events')}>
        {competition.events.map((event) => (
          <li key={event}>
            {registered.has(event) ? (
              <span className="uc-care-badge">{t('care.member.registered', { event })}</span>
            ) : (
              <button
                type="button"
                className="uc-button uc-button-secondary"
                disabled={register.isPending}
                onClick={() =>
                  register.mutate({ id: competition.id, event }, { onSuccess: () => setEntered((e) => [...e, event]) })
                }
              >
                {t('care.member.register', { event })}
              </button>
            )}
          </li>
        ))}
      </ul>
      {register.isError && <Announce tone="error">{errorText(register.error, t('common.network'))}</Announce>}
    </li>
  );
}

/** 健身竞赛 for the member: competitions open to them, one button per event to register. */
export default function CompetitionsPage() {
  const { t } = useTranslation();
  const list = useMyCompetitions();
  return (
    <MemberShell
      title={t('care.member.competitions')}
      back={{ to: '/care', label: t('care.member.title') }}
      busy={list.isPending}
    >
      <h1 className="uc-aid-h1">{t('care.member.competitions')}</h1>
      <QueryState query={list}>
        {(items) =>
          items.length === 0 ? (
            <p className="uc-panel uc-muted">{t('care.member.noCompetitions')}</p>
          ) : (
            <ul className="uc-care-list">
              {items.map((c) => (
                <CompetitionCard key={c.id} competition={c} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </MemberShell>
  );
}
