import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../../../api/client';
import { type AnswerSheet, type Answers, type AnswerValue, saveDraft, submitResponse } from '../../../api/surveys';
import { formatDateTime } from '../../../lib/dates';
import {
  draftKey,
  dropDraft,
  type LocalDraft,
  loadLatestDraft,
  newSubmissionKey,
  startingAnswers,
  storeDraft,
} from './drafts';
import { checkAll, type Problem, progress, pruneAnswers, visibleQuestionIds } from './logic';
import { QuestionField } from './QuestionField';
import { Closed, NotOpenYet, type SaveState, SaveStatus, Thanks } from './RunnerBits';

interface Props {
  sheet: AnswerSheet;
  /** API prefix of the answering routes; null in the builder's preview (nothing saved, nothing sent) */
  endpoint: string | null;
  /** who answers, for the key of the draft on this phone (`m` for the signed-in member, the token for a link) */
  scope: string;
  /** where "back to the list" goes after the thank-you, if anywhere */
  backTo?: { href: string; label: string };
}

type Phase =
  | { kind: 'answering' }
  | { kind: 'done'; already: boolean }
  | { kind: 'closed'; message: string; title?: string };

/** A 409 from the answering routes: not open yet, closed (with the survey's message), or a used link. */
function refusal(err: ApiError, fallback: string | null): Phase {
  const code = (err.problem as { code?: string }).code;
  const title = code === 'survey_closed' ? undefined : err.problem.title;
  return { kind: 'closed', message: err.problem.detail || fallback || '', title };
}

const DEBOUNCE_MS = 1200;
const RETRY_MS = 20_000;

/** Sections, questions with skip logic, drafts on the phone and the server, one submission: the answering flow. */
export function SurveyRunner({ sheet, endpoint, scope, backTo }: Props) {
  const { t } = useTranslation();
  const def = sheet.survey.definition;
  const preview = endpoint === null;
  const storageScope = `${sheet.survey.id}.${scope}`;
  const storageKey = draftKey(storageScope, sheet.survey.version);

  const initial = useRef<LocalDraft | null>(null);
  if (initial.current === null) {
    const local = preview ? null : loadLatestDraft(storageScope, sheet.survey.version);
    const answers = startingAnswers(local, sheet.draft);
    const fromServer = !local || answers !== local.answers;
    initial.current = {
      answers,
      submissionKey: local?.submissionKey ?? newSubmissionKey(),
      changedAt: local?.changedAt ?? 0,
      serverSavedAt: fromServer && sheet.draft ? Date.now() : (local?.serverSavedAt ?? null),
    };
  }
  const draft = useRef<LocalDraft>(initial.current);
  const [answers, setAnswers] = useState<Answers>(draft.current.answers);
  const [phase, setPhase] = useState<Phase>(() => {
    if (sheet.submitted && !preview) dropDraft(storageKey);
    return sheet.submitted
      ? { kind: 'done', already: true }
      : sheet.survey.status === 'closed'
        ? { kind: 'closed', message: sheet.survey.closedMessage || t('surveys.answer.closedDefault') }
        : { kind: 'answering' };
  });
  const [save, setSave] = useState<{ state: SaveState; at?: number }>(() => {
    if (preview) return { state: 'preview' };
    const d = draft.current;
    if (Object.keys(d.answers).length === 0) return { state: 'empty' };
    if (d.serverSavedAt !== null && d.serverSavedAt >= d.changedAt) return { state: 'server', at: d.serverSavedAt };
    return { state: 'phone' };
  });
  const [step, setStep] = useState(0);
  const [attempted, setAttempted] = useState<Set<number>>(new Set());
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const submittingRef = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const inflight = useRef<AbortController | null>(null);

  const visible = useMemo(() => visibleQuestionIds(def, answers), [def, answers]);
  const steps = useMemo(
    () => def.sections.filter((s) => s.questions.some((q) => visible.has(q.id))),
    [def.sections, visible],
  );
  const current = Math.min(step, Math.max(0, steps.length - 1));
  const section = steps[current];
  const problems = useMemo(() => checkAll(def, answers), [def, answers]);
  const done = progress(def, answers);
  const numbers = useMemo(() => {
    const map = new Map<string, number>();
    let n = 0;
    for (const q of def.sections.flatMap((s) => s.questions)) if (visible.has(q.id)) map.set(q.id, ++n);
    return map;
  }, [def.sections, visible]);

  const message = useCallback(
    (p: Problem): string => t(`surveys.answer.errors.${p.code}`, p as unknown as Record<string, unknown>),
    [t],
  );

  /** Sends the current draft to the server; on failure the phone keeps it and the page says so. */
  const pushDraft = useCallback(async () => {
    if (!endpoint) return;
    window.clearTimeout(timer.current);
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    const sentAt = draft.current.changedAt;
    setSave({ state: 'saving' });
    try {
      await saveDraft(endpoint, pruneAnswers(def, draft.current.answers), controller.signal);
      const now = Date.now();
      if (draft.current.changedAt === sentAt) {
        draft.current = { ...draft.current, serverSavedAt: now };
        storeDraft(storageKey, draft.current);
        setSave({ state: 'server', at: now });
      }
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      if (err instanceof ApiError && err.status === 409) {
        setPhase(refusal(err, sheet.survey.closedMessage));
        return;
      }
      setSave({ state: 'offline' });
      timer.current = window.setTimeout(() => void pushDraft(), RETRY_MS);
    } finally {
      if (inflight.current === controller) inflight.current = null;
    }
  }, [endpoint, def, storageKey, sheet.survey.closedMessage]);

  // back online: send what the phone kept
  useEffect(() => {
    if (preview) return;
    const online = () => {
      if (draft.current.serverSavedAt === null || draft.current.changedAt > draft.current.serverSavedAt)
        void pushDraft();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      window.clearTimeout(timer.current);
      inflight.current?.abort();
    };
  }, [preview, pushDraft]);

  // answers kept on the phone from an earlier visit (typed offline, or the tab closed first): send them, once
  const resumed = useRef(false);
  useEffect(() => {
    const d = draft.current;
    if (resumed.current || preview || phase.kind !== 'answering' || Object.keys(d.answers).length === 0) return;
    resumed.current = true;
    if (d.serverSavedAt === null || d.changedAt > d.serverSavedAt) void pushDraft();
  }, [preview, phase.kind, pushDraft]);

  const change = (questionId: string, value: AnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined) delete next[questionId];
    else next[questionId] = value;
    setAnswers(next);
    setServerErrors(({ [questionId]: _gone, ...rest }) => rest);
    setSubmitError(null);
    if (preview) return;
    draft.current = { ...draft.current, answers: next, changedAt: Date.now() };
    const stored = storeDraft(storageKey, draft.current);
    setSave({ state: stored ? 'phone' : 'nostore' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void pushDraft(), DEBOUNCE_MS);
  };

  const touch = (id: string) => setTouched((prev) => (prev.has(id) ? prev : new Set(prev).add(id)));

  const errorFor = (questionId: string, sectionIndex: number): string | undefined => {
    if (serverErrors[questionId]) return serverErrors[questionId];
    const p = problems.get(questionId);
    if (!p) return undefined;
    if (attempted.has(sectionIndex) || (touched.has(questionId) && p.code !== 'required')) return message(p);
    return undefined;
  };

  const goTo = (index: number) => {
    setStep(index);
    window.scrollTo({ top: 0 });
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const focusFirstError = (ids: string[]) => {
    requestAnimationFrame(() => {
      const id = ids[0];
      if (!id) return;
      const box = document.getElementById(`q-${id}`) ?? document.querySelector(`[data-testid="question-${id}"]`);
      const target = box?.querySelector<HTMLElement>('input, textarea') ?? null;
      box?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
    });
  };

  const sectionProblems = (index: number) =>
    (steps[index]?.questions ?? []).filter((q) => visible.has(q.id) && problems.has(q.id)).map((q) => q.id);

  const next = () => {
    setAttempted((prev) => new Set(prev).add(current));
    const bad = sectionProblems(current);
    if (bad.length > 0) return focusFirstError(bad);
    goTo(current + 1);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const all = new Set(steps.map((_, i) => i));
    setAttempted(all);
    const firstBad = steps.findIndex((_, i) => sectionProblems(i).length > 0);
    if (firstBad >= 0) {
      if (firstBad !== current) setStep(firstBad);
      return focusFirstError(sectionProblems(firstBad));
    }
    if (preview) {
      setSubmitError(t('surveys.answer.previewSubmit'));
      return;
    }
    if (submittingRef.current || !endpoint) return;
    submittingRef.current = true;
    setSubmitting(true);
    setSubmitError(null);
    window.clearTimeout(timer.current);
    inflight.current?.abort();
    try {
      // the same key on every retry of this draft: the server answers a replay with the first response
      await submitResponse(endpoint, pruneAnswers(def, answers), draft.current.submissionKey);
      dropDraft(storageKey);
      setPhase({ kind: 'done', already: false });
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setPhase(refusal(err, sheet.survey.closedMessage));
      } else if (err instanceof ApiError && err.problem.errors?.length) {
        const byQuestion: Record<string, string> = {};
        for (const fe of err.problem.errors) {
          const id = /^answers[./](.+)$/.exec(fe.field)?.[1];
          if (id) byQuestion[id] = fe.message;
        }
        setServerErrors(byQuestion);
        setSubmitError(err.message);
        const badStep = steps.findIndex((s) => s.questions.some((q) => byQuestion[q.id]));
        if (badStep >= 0) {
          setStep(badStep);
          focusFirstError(steps[badStep]!.questions.filter((q) => byQuestion[q.id]).map((q) => q.id));
        }
      } else if (err instanceof NetworkError) {
        setSubmitError(t('surveys.answer.submitOffline'));
      } else {
        setSubmitError(err instanceof Error ? err.message : t('common.network'));
      }
    } finally {
      submittingRef.current = false;
      setSubmitting(false);
    }
  };

  if (!preview && sheet.survey.status === 'scheduled')
    return <NotOpenYet title={def.title} opensAt={sheet.survey.opensAt} />;
  if (phase.kind === 'closed')
    return <Closed title={def.title} heading={phase.title} message={phase.message} backTo={backTo} />;
  if (phase.kind === 'done')
    return <Thanks already={phase.already} anonymous={sheet.survey.anonymous} backTo={backTo} headingRef={doneRef} />;

  const last = current >= steps.length - 1;
  const percent = done.total ? Math.round((done.answered / done.total) * 100) : 0;

  return (
    <form className="uc-sv-form" onSubmit={(e) => void submit(e)} noValidate>
      <header className="uc-sv-head">
        <h1 className="uc-sv-h1">{def.title}</h1>
        {current === 0 && def.description && <p className="uc-sv-desc">{def.description}</p>}
        <p className="uc-sv-meta">
          {sheet.survey.closesAt && t('surveys.answer.closesAt', { at: formatDateTime(sheet.survey.closesAt) })}
          {sheet.survey.anonymous && <span className="uc-sv-anon">{t('surveys.answer.anonymous')}</span>}
        </p>
        <div className="uc-sv-progress">
          <label htmlFor="sv-progress">
            {t('surveys.answer.progress', { answered: done.answered, total: done.total })}
            {steps.length > 1 && ` · ${t('surveys.answer.sectionOf', { n: current + 1, total: steps.length })}`}
          </label>
          <progress id="sv-progress" max={100} value={percent}>
            {percent}%
          </progress>
        </div>
        <SaveStatus state={save.state} at={save.at} />
      </header>

      {section && (
        <section className="uc-sv-section" aria-labelledby="sv-section-title">
          <h2 id="sv-section-title" className="uc-sv-h2" tabIndex={-1} ref={headingRef}>
            {section.title}
          </h2>
          {section.questions
            .filter((q) => visible.has(q.id))
            .map((q) => (
              <QuestionField
                key={q.id}
                question={q}
                number={numbers.get(q.id) ?? 0}
                value={answers[q.id]}
                error={errorFor(q.id, current)}
                onChange={(v) => change(q.id, v)}
                onBlur={() => touch(q.id)}
              />
            ))}
        </section>
      )}

      {submitError && (
        <p className="uc-sv-alert" role="alert">
          <span aria-hidden="true">⚠ </span>
          {submitError}
        </p>
      )}

      <div className="uc-sv-nav">
        {current > 0 && (
          <button type="button" className="uc-button uc-button-secondary" onClick={() => goTo(current - 1)}>
            {t('surveys.answer.prev')}
          </button>
        )}
        {last ? (
          <button type="submit" className="uc-button uc-button-primary uc-sv-grow" disabled={submitting}>
            {submitting ? t('surveys.answer.submitting') : t('surveys.answer.submit')}
          </button>
        ) : (
          <button type="button" className="uc-button uc-button-primary uc-sv-grow" onClick={next}>
            {t('surveys.answer.next')}
          </button>
        )}
      </div>
    </form>
  );
}
