import { Alert, Card, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import {
  type CallerLookup,
  TOPICS,
  type Topic,
  useAnswer,
  useCallerLookup,
  useConsultation,
  useLinkAnswer,
  useMyOpenCall,
  usePatchConsultation,
  useStartConsultation,
  useTopics,
} from '../../../api/hotline';
import { AnswerView } from './AnswerView';
import { CallerCard, CallTimer, PhoneBox } from './CallerCard';
import { CallerClaims } from './CallerClaims';
import { CallerPrecheck } from './CallerPrecheck';
import { CloseCall } from './CloseCall';
import { KbSearch } from './KbSearch';
import { TodayPanel } from './TodayPanel';
import './hotline.css';

/**
 * 12351 接听台: one screen for a live call. The caller's number identifies her (masked data), the operator picks the
 * topic, searches the knowledge base as she speaks (Enter opens, Enter again records "given to caller"), runs the
 * pre-check on her behalf and can draft the claim, then ends the call with its outcome (and a follow-up if promised).
 * An open call lives on the server, not in the page: a reload takes the operator back to her own open call, and any
 * call still in progress in today's list opens to be continued or ended.
 */
export default function OperatorPage() {
  const { t } = useTranslation();
  const questionId = useId();
  const phoneRef = useRef<HTMLInputElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const giveRef = useRef<HTMLDivElement | null>(null);
  const [lookup, setLookup] = useState<CallerLookup | null>(null);
  const lookedUpFor = useRef<string | null>(null);
  const [consultationId, setConsultationId] = useState<string | null>(null);
  const [resumed, setResumed] = useState(false);
  const [answerId, setAnswerId] = useState<string | null>(null);
  const [coverageCode, setCoverageCode] = useState('');
  const [question, setQuestion] = useState('');
  const [callKey, setCallKey] = useState(0);

  const callerLookup = useCallerLookup();
  const start = useStartConsultation();
  const openCall = useMyOpenCall();
  const resumeChecked = useRef(false);
  const consultation = useConsultation(consultationId);
  const topics = useTopics();
  const answer = useAnswer(answerId);
  const c = consultation.data;
  const patch = usePatchConsultation(consultationId ?? '');
  const link = useLinkAnswer(consultationId ?? '');
  const closed = Boolean(c?.endedAt);

  useEffect(() => {
    document.title = `${t('hotline.menu.operator')} · ${t('app.name')}`;
    phoneRef.current?.focus();
  }, [t]);

  // "/" jumps to the search from anywhere outside a text field (operators type fast, the mouse is slow)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const typing = el?.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Enter on a result, then Enter again on "given to caller": the button takes the focus once the answer is shown
  useEffect(() => {
    if (answer.data && consultationId)
      giveRef.current?.querySelector<HTMLButtonElement>('[data-testid="give-answer"]')?.focus();
  }, [answer.data, consultationId]);

  const identify = async (phone: string) => {
    try {
      const found = await callerLookup.mutateAsync({ phone });
      setLookup(found);
      const created = await start.mutateAsync({ channel: 'phone', callerPhone: phone, memberId: found.member?.id });
      lookedUpFor.current = created.id;
      setConsultationId(created.id);
      window.setTimeout(() => searchRef.current?.focus(), 0);
    } catch {
      // shown under the phone box
    }
  };

  const pick = (id: string) => {
    setAnswerId(id);
  };

  // an answer about a coverage is a mutual-aid call; its coverage goes to the pre-check
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when another answer opens
  useEffect(() => {
    const first = answer.data?.coverages[0];
    if (!first) return;
    setCoverageCode((prev) => prev || first.code);
    if (c && !c.topic && !closed) patch.mutate({ topic: 'mutual_aid' });
  }, [answer.data?.id]);

  const clear = (id: string | null) => {
    setLookup(null);
    lookedUpFor.current = null;
    setConsultationId(id);
    setResumed(id !== null);
    setAnswerId(null);
    setCoverageCode('');
    setQuestion('');
    callerLookup.reset();
    start.reset();
    setCallKey((k) => k + 1);
  };

  const next = () => {
    clear(null);
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  /** Take up a call that is still open (after a reload, or from today's list): the caller is looked up again below. */
  const resume = (id: string) => {
    if (id !== consultationId) clear(id);
  };

  // once per visit: the operator's own open call comes back instead of staying "in progress" for ever
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the answer about her open call arrives
  useEffect(() => {
    if (resumeChecked.current || openCall.isFetching || openCall.isPending) return;
    resumeChecked.current = true;
    if (openCall.data && !consultationId) resume(openCall.data.id);
  }, [openCall.isFetching, openCall.isPending]);

  // a resumed call: who is calling (masked, audited with the consultation), and what was noted so far
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per consultation
  useEffect(() => {
    if (!c || lookedUpFor.current === c.id) return;
    lookedUpFor.current = c.id;
    setQuestion(c.question ?? '');
    callerLookup.mutate({ phone: c.callerPhone, consultationId: c.id }, { onSuccess: setLookup });
  }, [c?.id]);

  const identifyError =
    (callerLookup.error ?? start.error)
      ? (callerLookup.error ?? start.error) instanceof ApiError
        ? (callerLookup.error ?? start.error)!.message
        : t('common.network')
      : undefined;
  const topicOptions = (topics.data?.topics ?? TOPICS.map((code) => ({ code, label: t(`hotline.topic.${code}`) }))).map(
    (x) => ({ value: x.code, label: x.label }),
  );
  const given = Boolean(answerId && c?.answers.some((a) => a.id === answerId));

  return (
    <div className="uc-operator" key={callKey}>
      <Card size="small" className="uc-op-call" data-testid="call-bar">
        <div className="uc-op-call-row">
          <PhoneBox
            inputRef={phoneRef}
            busy={callerLookup.isPending || start.isPending}
            disabled={Boolean(consultationId)}
            onIdentify={(p) => void identify(p)}
            error={identifyError}
          />
          <div className="uc-op-caller">
            {lookup ? (
              <CallerCard
                lookup={{
                  ...lookup,
                  member: c ? c.member : lookup.member,
                  previous: lookup.previous.filter((p) => p.id !== c?.id),
                }}
              />
            ) : c || callerLookup.isPending ? (
              <Spin size="small" />
            ) : (
              <Typography.Text type="secondary">{t('hotline.operator.waiting')}</Typography.Text>
            )}
          </div>
          <div className="uc-op-timer">
            <Typography.Text type="secondary">{t('hotline.operator.timer')}</Typography.Text>
            <CallTimer startedAt={c?.startedAt ?? null} endedAt={c?.endedAt ?? null} />
            {resumed && c && !closed && (
              <Tag color="processing" className="uc-op-resumed" data-testid="call-resumed">
                {t('hotline.operator.resumed')}
              </Tag>
            )}
          </div>
        </div>
        {c && (
          <Space className="uc-op-topic" wrap>
            <Typography.Text id="topic-label">{t('hotline.operator.topic')}</Typography.Text>
            <Radio.Group
              aria-labelledby="topic-label"
              optionType="button"
              buttonStyle="solid"
              size="small"
              disabled={closed}
              value={c.topic ?? undefined}
              options={topicOptions}
              onChange={(e) => {
                const topic = e.target.value as Topic;
                patch.mutate({ topic });
                if (topic === 'claim_status')
                  document.getElementById('caller-claims')?.scrollIntoView({ block: 'nearest' });
              }}
              data-testid="topic-picker"
            />
            <span className="uc-op-question-wrap">
              <label htmlFor={questionId} className="uc-op-question-label">
                {t('hotline.operator.question')}
              </label>
              <Input
                id={questionId}
                size="small"
                className="uc-op-question"
                maxLength={500}
                disabled={closed}
                value={question}
                onChange={(e) => setQuestion(e.target.value)}
                onBlur={() =>
                  question.trim() && question.trim() !== c.question && patch.mutate({ question: question.trim() })
                }
              />
            </span>
          </Space>
        )}
      </Card>

      <div className="uc-op-grid">
        <Card size="small" title={t('hotline.operator.kb')} className="uc-op-kb">
          <div className="uc-op-kb-cols">
            <KbSearch
              inputRef={searchRef}
              consultationId={consultationId ?? undefined}
              selectedId={answerId}
              onPick={pick}
            />
            <div ref={giveRef} className="uc-op-answer">
              <AnswerView
                answer={answer.data}
                loading={answer.isFetching && !answer.data}
                given={given}
                giving={link.isPending}
                onGive={c && !closed && answerId ? () => link.mutate(answerId) : undefined}
                onPrecheck={(code) => {
                  setCoverageCode(code);
                  document.getElementById('caller-precheck')?.scrollIntoView({ block: 'nearest' });
                }}
              />
            </div>
          </div>
        </Card>
        <div className="uc-op-side">
          {c?.member && (
            <Card size="small" title={t('hotline.claims.title')} className="uc-op-claims" id="caller-claims">
              <CallerClaims consultationId={c.id} />
            </Card>
          )}
          <Card size="small" title={t('hotline.operator.precheck')} className="uc-op-precheck" id="caller-precheck">
            {c ? (
              <CallerPrecheck
                consultationId={c.id}
                hasMember={Boolean(c.member)}
                coverageCode={coverageCode}
                onCoverageChange={setCoverageCode}
                claims={c.claims}
                closed={closed}
              />
            ) : (
              <Typography.Text type="secondary">{t('hotline.operator.identifyFirst')}</Typography.Text>
            )}
          </Card>
        </div>
      </div>

      {c && (
        <Card size="small" className="uc-op-close">
          <CloseCall key={c.id} consultation={c} onNext={next} />
        </Card>
      )}
      {consultation.isError && <Alert type="error" showIcon title={consultation.error.message} />}

      <TodayPanel currentId={consultationId} onOpen={resume} />
    </div>
  );
}
