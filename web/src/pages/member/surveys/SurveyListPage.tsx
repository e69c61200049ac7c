import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { type MySurveyItem, useMySurveys } from '../../../api/surveys';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { formatDateTime } from '../../../lib/dates';

function stateOf(item: MySurveyItem): 'answered' | 'draft' | 'open' | 'closed' {
  if (item.answered) return 'answered';
  if (item.status === 'closed') return 'closed';
  return item.hasDraft ? 'draft' : 'open';
}

/** The surveys published to the member's union: open ones first, each with its closing time and where it stands. */
export default function SurveyListPage() {
  const { t } = useTranslation();
  const list = useMySurveys();
  const order = { open: 0, draft: 0, answered: 1, closed: 2 } as const;
  const items = [...(list.data ?? [])].sort(
    (a, b) => order[stateOf(a)] - order[stateOf(b)] || a.closesAt.localeCompare(b.closesAt),
  );

  return (
    <MemberShell
      className="uc-sv"
      title={t('surveys.member.title')}
      back={{ to: '/', label: t('surveys.member.home') }}
      busy={list.isPending}
    >
      <h1 className="uc-sv-h1">{t('surveys.member.title')}</h1>
      <p className="uc-sv-muted">{t('surveys.member.intro')}</p>
      {list.isPending ? (
        <FullPageLoading />
      ) : list.isError ? (
        <FullPageError
          message={list.error instanceof ApiError ? list.error.message : t('common.network')}
          onRetry={() => void list.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="uc-panel">{t('surveys.member.none')}</p>
      ) : (
        <ul className="uc-sv-list">
          {items.map((item) => {
            const state = stateOf(item);
            const body = (
              <>
                <span className="uc-sv-item-title">{item.title}</span>
                <span className="uc-sv-item-meta">
                  <span className={`uc-sv-badge uc-sv-badge-${state}`}>{t(`surveys.member.state.${state}`)}</span>
                  <span>{t('surveys.answer.closesAt', { at: formatDateTime(item.closesAt) })}</span>
                </span>
              </>
            );
            return (
              <li key={item.id}>
                {state === 'open' || state === 'draft' ? (
                  <Link to={`/surveys/${item.id}`} className="uc-sv-item" data-testid="survey-item">
                    {body}
                  </Link>
                ) : (
                  <div className="uc-sv-item uc-sv-item-done" data-testid="survey-item">
                    {body}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </MemberShell>
  );
}
