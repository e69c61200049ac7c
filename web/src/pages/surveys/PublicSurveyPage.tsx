import '../../i18n/surveys';
import '../member/member.css';
import '../member/surveys/surveys.css';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { answerEndpoint, useAnswerSheet } from '../../api/surveys';
import { MemberShell } from '../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../components/Status';
import { SurveyRunner } from '../member/surveys/SurveyRunner';

/**
 * A survey opened from a single-use link or its QR code (/q/:token), for workers without an account: no sign-in;
 * the token is the answerer, so its draft and its one submission are keyed by it.
 */
export default function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const endpoint = answerEndpoint({ token });
  const sheet = useAnswerSheet(endpoint);

  if (sheet.isPending)
    return (
      <MemberShell className="uc-sv" title={t('surveys.member.title')} busy>
        <FullPageLoading />
      </MemberShell>
    );
  if (sheet.isError) {
    const err = sheet.error;
    // A token cut short fails the route's pattern (400) before it is looked up: to the worker it is the same unusable
    // link as an unknown one (404), not a form to correct or a request to retry.
    const closed = err instanceof ApiError && err.status === 409;
    const unusable = err instanceof ApiError && [400, 404, 410].includes(err.status);
    return (
      <MemberShell className="uc-sv" title={t('surveys.member.title')}>
        {closed || unusable ? (
          <section className="uc-sv-card uc-sv-end" data-testid="survey-closed">
            <p className="uc-sv-end-lead">
              {closed ? t('surveys.answer.closedTitle') : t('surveys.public.invalidTitle')}
            </p>
            <p>{(closed && err.problem.detail) || t('surveys.public.invalidText')}</p>
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
    <MemberShell className="uc-sv" title={sheet.data.survey.definition.title}>
      <SurveyRunner sheet={sheet.data} endpoint={endpoint} scope={`q-${token.slice(0, 16)}`} />
    </MemberShell>
  );
}
