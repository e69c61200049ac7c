import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { answerEndpoint, useAnswerSheet } from '../../../api/surveys';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import { SurveyRunner } from './SurveyRunner';

/** A signed-in member answers one survey. */
export default function AnswerPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const endpoint = answerEndpoint({ surveyId: id });
  const sheet = useAnswerSheet(endpoint);
  const back = { to: '/surveys', label: t('surveys.member.backToList') };

  if (sheet.isPending)
    return (
      <MemberShell className="uc-sv" title={t('surveys.member.title')} back={back} busy>
        <FullPageLoading />
      </MemberShell>
    );
  if (sheet.isError) {
    const err = sheet.error;
    const closed = err instanceof ApiError && err.status === 409;
    return (
      <MemberShell className="uc-sv" title={t('surveys.member.title')} back={back}>
        {closed ? (
          <section className="uc-sv-card uc-sv-end" data-testid="survey-closed">
            <p className="uc-sv-end-lead">{t('surveys.answer.closedTitle')}</p>
            <p>{err.problem.detail || t('surveys.answer.closedDefault')}</p>
          </section>
        ) : (
          <FullPageError
            message={err instanceof ApiError ? err.message : t('common.network')}
            onRetry={() => void sheet.refetch()}
          />
        )}
      </MemberShell>
    );
  }
  return (
    <MemberShell className="uc-sv" title={sheet.data.survey.definition.title} back={back}>
      <SurveyRunner
        sheet={sheet.data}
        endpoint={endpoint}
        scope="m"
        backTo={{ href: '/surveys', label: t('surveys.member.backToList') }}
      />
    </MemberShell>
  );
}
