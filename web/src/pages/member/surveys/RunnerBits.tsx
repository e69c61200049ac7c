import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/dates';

/** The answering page's status line and its end screens (thanks, closed, not open yet). */

/** Where the answers stand: the member must always know whether they live only on this phone or on the server. */
export type SaveState = 'empty' | 'phone' | 'saving' | 'server' | 'offline' | 'nostore' | 'preview';

type Back = { href: string; label: string } | undefined;

function beijingTime(ms: number): string {
  return formatDateTime(new Date(ms).toISOString()).slice(11);
}

function BackLink({ backTo }: { backTo: Back }) {
  return backTo ? (
    <Link className="uc-button uc-button-secondary" to={backTo.href}>
      {backTo.label}
    </Link>
  ) : null;
}

export function NotOpenYet({ title, opensAt }: { title: string; opensAt: string }) {
  const { t } = useTranslation();
  return (
    <section className="uc-sv-card uc-sv-end" aria-labelledby="sv-notyet" data-testid="survey-not-open">
      <h1 id="sv-notyet" className="uc-sv-h1">
        {title}
      </h1>
      <p className="uc-sv-end-lead">{t('surveys.answer.notOpenYet', { at: formatDateTime(opensAt) })}</p>
    </section>
  );
}

/** Closed, late or refused: the survey's own closed message. */
export function Closed({
  title,
  heading,
  message,
  backTo,
}: {
  title: string;
  heading?: string;
  message: string;
  backTo: Back;
}) {
  const { t } = useTranslation();
  return (
    <section className="uc-sv-card uc-sv-end" aria-labelledby="sv-closed" data-testid="survey-closed">
      <h1 id="sv-closed" className="uc-sv-h1">
        {title}
      </h1>
      <p className="uc-sv-end-lead">{heading ?? t('surveys.answer.closedTitle')}</p>
      <p>{message || t('surveys.answer.closedDefault')}</p>
      <BackLink backTo={backTo} />
    </section>
  );
}

export function Thanks({
  already,
  anonymous,
  backTo,
  headingRef,
}: {
  already: boolean;
  anonymous: boolean;
  backTo: Back;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation();
  return (
    <section className="uc-sv-card uc-sv-end" aria-labelledby="sv-thanks" data-testid="survey-thanks">
      <div className="uc-sv-end-mark" aria-hidden="true">
        ✓
      </div>
      <h1 id="sv-thanks" className="uc-sv-h1" tabIndex={-1} ref={headingRef}>
        {t('surveys.answer.thanksTitle')}
      </h1>
      <p>{already ? t('surveys.answer.alreadySubmitted') : t('surveys.answer.thanksText')}</p>
      {anonymous && <p className="uc-sv-muted">{t('surveys.answer.anonymousNote')}</p>}
      <BackLink backTo={backTo} />
    </section>
  );
}

/** "Saved on this phone only" / "saved to the server at 10:42", in words with a symbol, announced politely. */
export function SaveStatus({ state, at }: { state: SaveState; at?: number }) {
  const { t } = useTranslation();
  const symbol: Record<SaveState, string> = {
    empty: '○',
    phone: '▣',
    saving: '↻',
    server: '✓',
    offline: '!',
    nostore: '!',
    preview: '◇',
  };
  return (
    <p className="uc-sv-save" data-state={state} data-testid="save-state" role="status" aria-live="polite">
      <span className="uc-sv-save-icon" aria-hidden="true">
        {symbol[state]}
      </span>
      <span>{t(`surveys.answer.save.${state}`, { time: at ? beijingTime(at) : '' })}</span>
    </p>
  );
}
