import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { type FeedbackKind, type FeedbackResult, flushFeedbackQueue, newKey, postFeedback } from '../../api/stations';
import { CheckIcon } from '../../components/Icons';
import { ratedStation, rememberRating } from '../../offline/rated';
import { AmenityIcon, StarIcon } from './StationBits';

const REPORT_KINDS = ['closed_during_hours', 'refused_entry', 'amenity_missing', 'other'] as const;
type ReportKind = (typeof REPORT_KINDS)[number];

type Outcome = { kind: 'done'; message: string } | { kind: 'queued' } | { kind: 'error'; message: string } | null;

/**
 * One feedback post: the Idempotency-Key is made when the form is first sent and kept for every retry of the same
 * content, so a double tap, a retry after a timeout or an offline queue records it once.
 */
function useFeedbackPost(code: string, kind: FeedbackKind) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = useRef<{ key: string; body: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function send(body: Record<string, unknown>, done: (result: { id: string }) => string) {
    const fingerprint = JSON.stringify(body);
    if (key.current?.body !== fingerprint) key.current = { key: newKey(), body: fingerprint };
    setSending(true);
    setOutcome(null);
    try {
      const result: FeedbackResult = await postFeedback({ code, kind, body, key: key.current.key });
      if (result.state === 'queued') {
        setOutcome({ kind: 'queued' });
      } else {
        setOutcome({ kind: 'done', message: done(result) });
        void client.invalidateQueries({ queryKey: ['stations', 'summary', code] });
      }
      key.current = null;
      return true;
    } catch (err) {
      const message =
        err instanceof ApiError
          ? err.problem.errors?.map((e) => e.message).join(t('common.clauseSeparator')) || err.message
          : t('common.network');
      setOutcome({ kind: 'error', message: t('stations.sendFailed', { message }) });
      return false;
    } finally {
      setSending(false);
    }
  }
  return { send, sending, outcome };
}

function OutcomeNote({ outcome, testId }: { outcome: Outcome; testId: string }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  if (outcome.kind === 'error') {
    return (
      <p className="uc-alert" role="alert">
        {outcome.message}
      </p>
    );
  }
  return (
    <p className="uc-done" role="status" data-testid={testId}>
      <CheckIcon aria-hidden="true" className="uc-done-icon" />
      <span>{outcome.kind === 'queued' ? t('stations.queued') : outcome.message}</span>
    </p>
  );
}

export function FeedbackPanel({ code, amenityCodes }: { code: string; amenityCodes: readonly string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const checkin = useFeedbackPost(code, 'checkins');
  const rating = useFeedbackPost(code, 'ratings');
  const report = useFeedbackPost(code, 'reports');

  // One rating per station from this phone: once sent (or queued), the form shows it and sends nothing more.
  const [rated, setRated] = useState(() => ratedStation(code));
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [ratingError, setRatingError] = useState<string | null>(null);
  // No kind is chosen for the worker: a report files a ticket, so "what went wrong" must be a deliberate choice.
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [kindError, setKindError] = useState<string | null>(null);
  const firstKind = useRef<HTMLInputElement>(null);
  const [amenity, setAmenity] = useState('');
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);

  useEffect(() => {
    void flushFeedbackQueue();
  }, []);

  const onCheckin = () => void checkin.send({}, () => t('stations.checkinDone'));

  const onRate = async (e: FormEvent) => {
    e.preventDefault();
    if (rated || rating.sending) return;
    if (stars < 1) {
      setRatingError(t('stations.ratingRequired'));
      return;
    }
    setRatingError(null);
    const body = comment.trim() ? { stars, comment: comment.trim() } : { stars };
    if (await rating.send(body, () => t('stations.ratingDone'))) {
      setRated(rememberRating(code, stars));
      setComment('');
    }
  };

  const onReport = async (e: FormEvent) => {
    e.preventDefault();
    if (!kind) {
      setKindError(t('stations.reportKindRequired'));
      setTextError(null);
      firstKind.current?.focus();
      return;
    }
    if (kind === 'other' && !text.trim()) {
      setTextError(t('stations.reportTextRequired'));
      return;
    }
    setTextError(null);
    const body: Record<string, unknown> = { kind };
    if (kind === 'amenity_missing' && amenity) body.amenity = amenity;
    if (text.trim()) body.text = text.trim();
    const ok = await report.send(body, (r) => t('stations.reportDone', { ref: r.id.slice(-8).toUpperCase() }));
    if (ok) {
      setText('');
      setKind(null);
      setAmenity('');
    }
  };
  const shownStars = rated?.stars ?? stars;

  return (
    <section className="uc-panel uc-feedback" aria-labelledby={`${id}-fb`}>
      <h2 id={`${id}-fb`} className="uc-panel-title">
        {t('stations.feedbackTitle')}
      </h2>
      <p className="uc-note-plain">{t('stations.feedbackIntro')}</p>

      <button
        type="button"
        className="uc-button uc-button-secondary uc-button-block"
        onClick={onCheckin}
        disabled={checkin.sending}
      >
        <CheckIcon aria-hidden="true" />
        {checkin.sending ? t('stations.sending') : t('stations.checkin')}
      </button>
      <OutcomeNote outcome={checkin.outcome} testId="checkin-done" />

      <form className="uc-subform uc-rating" onSubmit={onRate} noValidate>
        <fieldset
          className="uc-stars"
          disabled={!!rated}
          aria-describedby={ratingError ? `${id}-stars-error` : undefined}
        >
          <legend>{t('stations.rateTitle')}</legend>
          <div className="uc-stars-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={`uc-star${n <= shownStars ? ' is-on' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-stars`}
                  value={n}
                  checked={shownStars === n}
                  onChange={() => setStars(n)}
                  className="uc-visually-hidden"
                />
                <StarIcon filled={n <= shownStars} aria-hidden="true" />
                <span className="uc-visually-hidden">{t('stations.star', { count: n })}</span>
              </label>
            ))}
            <span className="uc-stars-value" aria-hidden="true">
              {shownStars > 0 ? `${shownStars}/5` : ''}
            </span>
          </div>
          {ratingError && (
            <p className="uc-field-error" id={`${id}-stars-error`}>
              {ratingError}
            </p>
          )}
        </fieldset>
        {!rated && (
          <div className="uc-field">
            <label htmlFor={`${id}-comment`}>{t('stations.comment')}</label>
            <textarea
              id={`${id}-comment`}
              rows={2}
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </div>
        )}
        <button
          type="submit"
          className="uc-button uc-button-primary uc-button-block"
          disabled={rating.sending || !!rated}
        >
          {rating.sending ? t('stations.sending') : rated ? t('stations.rated') : t('stations.submitRating')}
        </button>
        {rating.outcome || !rated ? (
          <OutcomeNote outcome={rating.outcome} testId="rating-done" />
        ) : (
          <OutcomeNote
            outcome={{ kind: 'done', message: t('stations.ratedBefore', { stars: rated.stars }) }}
            testId="rating-done"
          />
        )}
      </form>

      <form className="uc-subform" onSubmit={onReport} noValidate aria-labelledby={`${id}-report`}>
        <h3 id={`${id}-report`} className="uc-subform-title">
          {t('stations.reportTitle')}
        </h3>
        <fieldset className="uc-radios" aria-describedby={kindError ? `${id}-kind-error` : undefined}>
          <legend>{t('stations.reportKind')}</legend>
          {REPORT_KINDS.map((k, i) => (
            <label key={k} className="uc-radio">
              <input
                ref={i === 0 ? firstKind : undefined}
                type="radio"
                name={`${id}-kind`}
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  setKindError(null);
                }}
              />
              <span>{t(`stations.kind.${k}`)}</span>
            </label>
          ))}
          {kindError && (
            <p className="uc-field-error" id={`${id}-kind-error`}>
              {kindError}
            </p>
          )}
        </fieldset>
        {kind === 'amenity_missing' && amenityCodes.length > 0 && (
          <div className="uc-field">
            <label htmlFor={`${id}-amenity`}>{t('stations.missingAmenity')}</label>
            <div className="uc-select-row">
              {amenity && <AmenityIcon code={amenity} aria-hidden="true" />}
              <select id={`${id}-amenity`} value={amenity} onChange={(e) => setAmenity(e.target.value)}>
                <option value="">{t('stations.chooseAmenity')}</option>
                {amenityCodes.map((c) => (
                  <option key={c} value={c}>
                    {t(`stations.amenity.${c}`, { defaultValue: c })}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <div className="uc-field">
          <label htmlFor={`${id}-text`}>{t('stations.reportText')}</label>
          <textarea
            id={`${id}-text`}
            rows={4}
            maxLength={1000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={textError ? true : undefined}
            aria-describedby={`${id}-text-hint${textError ? ` ${id}-text-error` : ''}`}
          />
          <p className="uc-field-hint" id={`${id}-text-hint`}>
            {t('stations.reportTextHint')}
          </p>
          {textError && (
            <p className="uc-field-error" id={`${id}-text-error`}>
              {textError}
            </p>
          )}
        </div>
        <button type="submit" className="uc-button uc-button-primary uc-button-block" disabled={report.sending}>
          {report.sending ? t('stations.sending') : t('stations.submitReport')}
        </button>
        <OutcomeNote outcome={report.outcome} testId="report-done" />
      </form>
    </section>
  );
}
