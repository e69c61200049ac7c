import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { BrandMark } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { FullPageLoading } from '../../components/Status';
import { formatDateTime } from '../../lib/dates';
import '../../i18n/hotline';
import '../../components/member-shell.css';
import '../member/member.css';
import './feedback.css';

interface FeedbackView {
  startedAt: string;
  topic: string | null;
  used: boolean;
  expired: boolean;
}

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; view: FeedbackView }
  | { kind: 'done' }
  | { kind: 'gone'; message: 'used' | 'expired' | 'notFound' };

const SCORES = [1, 2, 3, 4, 5] as const;

/** The caller rates a 12351 consultation from the link in a text message: no sign-in, one rating per link. */
export default function HotlineFeedbackPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const url = `/api/v1/hotline/feedback/${encodeURIComponent(token)}`;

  useEffect(() => {
    document.title = `${t('hotline.feedback.title')} · ${t('app.name')}`;
  }, [t]);

  useEffect(() => {
    api<FeedbackView>(url).then(
      (view) =>
        setState(
          view.used
            ? { kind: 'gone', message: 'used' }
            : view.expired
              ? { kind: 'gone', message: 'expired' }
              : { kind: 'ready', view },
        ),
      () => setState({ kind: 'gone', message: 'notFound' }),
    );
  }, [url]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (score === null) {
      setError(t('hotline.feedback.chooseScore'));
      document.getElementById('score-1')?.focus();
      return;
    }
    setSending(true);
    try {
      await api(url, { method: 'POST', body: { score, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setState({ kind: 'done' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setState({ kind: 'gone', message: 'used' });
      else if (err instanceof ApiError && err.status === 410) setState({ kind: 'gone', message: 'expired' });
      else setError(err instanceof ApiError ? err.message : t('hotline.feedback.chooseScore'));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="uc-member">
      <header className="uc-member-top">
        <div className="uc-member-brand">
          <BrandMark />
          <span className="uc-member-title">{t('hotline.feedback.title')}</span>
        </div>
        <div className="uc-member-actions">
          <LanguageSwitch tone="dark" />
        </div>
      </header>
      <main className="uc-member-main uc-feedback" id="main">
        {state.kind === 'loading' ? (
          <FullPageLoading />
        ) : state.kind === 'done' ? (
          <p className="uc-panel" role="status" data-testid="feedback-done">
            {t('hotline.feedback.thanks')}
          </p>
        ) : state.kind === 'gone' ? (
          <p className="uc-panel" role="status" data-testid="feedback-gone">
            {t(`hotline.feedback.${state.message}`)}
          </p>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <p className="uc-feedback-intro">
              {t('hotline.feedback.intro', {
                when: formatDateTime(state.view.startedAt),
                topic: state.view.topic
                  ? t('hotline.feedback.topicSuffix', { topic: t(`hotline.topic.${state.view.topic}`) })
                  : '',
              })}
            </p>
            <fieldset className="uc-feedback-scores" aria-describedby={error ? 'score-error' : undefined}>
              <legend>{t('hotline.feedback.legend')}</legend>
              {SCORES.map((n) => (
                <label key={n} className={`uc-feedback-score${score === n ? ' is-chosen' : ''}`}>
                  <input
                    id={`score-${n}`}
                    type="radio"
                    name="score"
                    value={n}
                    checked={score === n}
                    onChange={() => {
                      setScore(n);
                      setError(null);
                    }}
                  />
                  <span className="uc-feedback-stars" aria-hidden="true">
                    {'★'.repeat(n)}
                  </span>
                  <span>
                    {t('hotline.feedback.score', { count: n })} · {t(`hotline.feedback.scoreNames.s${n}`)}
                  </span>
                </label>
              ))}
            </fieldset>
            {error && (
              <p id="score-error" className="uc-feedback-error" role="alert">
                ⚠ {error}
              </p>
            )}
            <label className="uc-feedback-comment">
              <span>{t('hotline.feedback.comment')}</span>
              <textarea value={comment} maxLength={500} rows={4} onChange={(e) => setComment(e.target.value)} />
            </label>
            <button type="submit" className="uc-feedback-submit" disabled={sending}>
              {t('hotline.feedback.submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
