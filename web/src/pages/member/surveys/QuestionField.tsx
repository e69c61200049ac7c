import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, Question } from '../../../api/surveys';
import { pickedOptions } from './logic';

interface Props {
  question: Question;
  /** 1-based number shown before the title */
  number: number;
  value: AnswerValue | undefined;
  /** the message to show under the field, already in words */
  error?: string;
  onChange: (value: AnswerValue | undefined) => void;
  onBlur?: () => void;
}

const fieldId = (q: Question) => `q-${q.id}`;

/** Title, "required" in words (not only a red star), and the help line. */
function Title({ q, number, as: As }: { q: Question; number: number; as: 'legend' | 'label' }) {
  const { t } = useTranslation();
  const body = (
    <>
      <span className="uc-sv-qno">{number}.</span> {q.title}
      {q.required ? (
        <span className="uc-sv-req">
          <span aria-hidden="true">*</span>
          <span className="uc-sv-sr">{t('surveys.answer.requiredSr')}</span>
        </span>
      ) : (
        <span className="uc-sv-optional">{t('surveys.answer.optional')}</span>
      )}
    </>
  );
  return As === 'legend' ? (
    <legend className="uc-sv-qtitle">{body}</legend>
  ) : (
    <label className="uc-sv-qtitle" htmlFor={`${fieldId(q)}-input`}>
      {body}
    </label>
  );
}

function Help({ q, extra }: { q: Question; extra?: string }) {
  if (!q.help && !extra) return null;
  return (
    <p className="uc-sv-help" id={`${fieldId(q)}-help`}>
      {[q.help, extra].filter(Boolean).join(' ')}
    </p>
  );
}

function ErrorLine({ q, error }: { q: Question; error?: string }) {
  if (!error) return null;
  return (
    <p className="uc-sv-error" id={`${fieldId(q)}-error`}>
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

function describedBy(q: Question, error: string | undefined, hasHelp: boolean): string | undefined {
  const ids = [hasHelp ? `${fieldId(q)}-help` : '', error ? `${fieldId(q)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function ChoiceField({ question: q, number, value, error, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const multiple = q.type === 'multiple';
  const picked = pickedOptions(value);
  const otherText = value && typeof value === 'object' && 'otherText' in value ? (value.otherText ?? '') : '';
  const other = q.options?.find((o) => o.other);
  const picksHint =
    multiple && (q.minPicks !== undefined || q.maxPicks !== undefined)
      ? q.minPicks !== undefined && q.maxPicks !== undefined
        ? t('surveys.answer.picksBetween', { min: q.minPicks, max: q.maxPicks })
        : q.minPicks !== undefined
          ? t('surveys.answer.picksMin', { count: q.minPicks })
          : t('surveys.answer.picksMax', { count: q.maxPicks })
      : multiple
        ? t('surveys.answer.picksAny')
        : undefined;
  const hasHelp = Boolean(q.help || picksHint);

  const emit = (ids: string[], text: string) => {
    if (ids.length === 0) return onChange(undefined);
    const keepText = other && ids.includes(other.id) ? { otherText: text } : {};
    onChange(multiple ? { optionIds: ids, ...keepText } : { optionId: ids[0] as string, ...keepText });
  };

  const toggle = (id: string, checked: boolean) => {
    if (!multiple) return emit([id], otherText);
    const next = checked ? [...picked.filter((p) => p !== id), id] : picked.filter((p) => p !== id);
    // keep the definition's order, so the answer does not depend on the order of taps
    const order = (q.options ?? []).map((o) => o.id);
    emit(
      order.filter((o) => next.includes(o)),
      otherText,
    );
  };

  return (
    <fieldset
      className="uc-sv-q"
      id={fieldId(q)}
      aria-describedby={describedBy(q, error, hasHelp)}
      aria-invalid={error ? true : undefined}
      data-testid={`question-${q.id}`}
    >
      <Title q={q} number={number} as="legend" />
      <Help q={q} extra={picksHint} />
      <div className="uc-sv-choices">
        {(q.options ?? []).map((o) => {
          const checked = picked.includes(o.id);
          return (
            <div key={o.id} className="uc-sv-choice-wrap">
              <label className="uc-sv-choice">
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={fieldId(q)}
                  value={o.id}
                  checked={checked}
                  onChange={(e) => toggle(o.id, e.target.checked)}
                  onBlur={onBlur}
                />
                <span>{o.label}</span>
              </label>
              {o.other && checked && (
                <div className="uc-sv-other">
                  <label htmlFor={`${fieldId(q)}-other`}>{t('surveys.answer.otherSpecify')}</label>
                  <input
                    id={`${fieldId(q)}-other`}
                    className="uc-sv-input"
                    value={otherText}
                    maxLength={200}
                    aria-invalid={error && !otherText.trim() ? true : undefined}
                    aria-describedby={error ? `${fieldId(q)}-error` : undefined}
                    onChange={(e) => emit(picked, e.target.value)}
                    onBlur={onBlur}
                  />
                </div>
              )}
            </div>
          );
        })}
      </div>
      <ErrorLine q={q} error={error} />
    </fieldset>
  );
}

function RatingField({ question: q, number, value, error, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const { min, max, minLabel, maxLabel } = q.scale ?? { min: 1, max: 5 };
  const points = Array.from({ length: Math.max(0, max - min + 1) }, (_, i) => min + i);
  const ends = minLabel || maxLabel ? t('surveys.answer.scaleEnds', { min, max, minLabel, maxLabel }) : undefined;
  return (
    <fieldset
      className="uc-sv-q"
      id={fieldId(q)}
      aria-describedby={describedBy(q, error, Boolean(q.help || ends))}
      data-testid={`question-${q.id}`}
    >
      <Title q={q} number={number} as="legend" />
      <Help q={q} extra={ends} />
      <div className="uc-sv-scale">
        {points.map((n) => (
          <label key={n} className="uc-sv-point">
            <input
              type="radio"
              name={fieldId(q)}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              onBlur={onBlur}
            />
            <span>{n}</span>
          </label>
        ))}
      </div>
      {(minLabel || maxLabel) && (
        <div className="uc-sv-scale-ends" aria-hidden="true">
          <span>{minLabel}</span>
          <span>{maxLabel}</span>
        </div>
      )}
      <ErrorLine q={q} error={error} />
    </fieldset>
  );
}

function MatrixField({ question: q, number, value, error, onChange, onBlur }: Props) {
  const cells = (value && typeof value === 'object' ? value : {}) as Record<string, string>;
  return (
    <fieldset
      className="uc-sv-q"
      id={fieldId(q)}
      aria-describedby={describedBy(q, error, Boolean(q.help))}
      data-testid={`question-${q.id}`}
    >
      <Title q={q} number={number} as="legend" />
      <Help q={q} />
      {(q.rows ?? []).map((row) => (
        <fieldset key={row.id} className="uc-sv-mrow">
          <legend className="uc-sv-mrow-title">{row.label}</legend>
          <div className="uc-sv-mcols">
            {(q.columns ?? []).map((col) => (
              <label key={col.id} className="uc-sv-chip">
                <input
                  type="radio"
                  name={`${fieldId(q)}-${row.id}`}
                  value={col.id}
                  checked={cells[row.id] === col.id}
                  onChange={() => onChange({ ...cells, [row.id]: col.id })}
                  onBlur={onBlur}
                />
                <span>{col.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <ErrorLine q={q} error={error} />
    </fieldset>
  );
}

/** A number typed as text (phones' numeric pads), kept as typed until it parses. */
function NumberField({ question: q, number, value, error, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  const [bad, setBad] = useState(false);
  useEffect(() => {
    if (typeof value === 'number' && Number(text) !== value) setText(String(value));
    if (value === undefined && text !== '' && !bad) setText('');
  }, [value, text, bad]);
  const range =
    q.range?.min !== undefined || q.range?.max !== undefined
      ? t('surveys.answer.rangeHint', { min: q.range?.min ?? '—', max: q.range?.max ?? '—' })
      : undefined;
  const shown = bad ? t('surveys.answer.errors.number') : error;
  return (
    <div className="uc-sv-q" data-testid={`question-${q.id}`}>
      <Title q={q} number={number} as="label" />
      <Help q={q} extra={range} />
      <input
        id={`${fieldId(q)}-input`}
        className="uc-sv-input uc-sv-input-short"
        inputMode="decimal"
        value={text}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy(q, shown, Boolean(q.help || range))}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          const trimmed = raw.trim().replace(/,/g, '');
          if (trimmed === '') {
            setBad(false);
            onChange(undefined);
          } else if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
            setBad(false);
            onChange(Number(trimmed));
          } else {
            setBad(true);
            onChange(undefined);
          }
        }}
        onBlur={onBlur}
      />
      <ErrorLine q={q} error={shown} />
    </div>
  );
}

function TextField({ question: q, number, value, error, onChange, onBlur }: Props) {
  const { t } = useTranslation();
  const text = typeof value === 'string' ? value : '';
  const limit = q.maxLength ?? (q.type === 'text' ? 200 : 2000);
  const common = {
    id: `${fieldId(q)}-input`,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby':
      [describedBy(q, error, Boolean(q.help)), q.type === 'date' ? '' : `${fieldId(q)}-count`]
        .filter(Boolean)
        .join(' ') || undefined,
    onBlur,
  } as const;
  const change = (v: string) => onChange(v === '' ? undefined : v);
  return (
    <div className="uc-sv-q" data-testid={`question-${q.id}`}>
      <Title q={q} number={number} as="label" />
      <Help q={q} />
      {q.type === 'longtext' ? (
        <textarea
          {...common}
          className="uc-sv-input uc-sv-textarea"
          rows={5}
          onChange={(e) => change(e.target.value)}
        />
      ) : q.type === 'date' ? (
        <input
          {...common}
          type="date"
          className="uc-sv-input uc-sv-input-short"
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <input {...common} className="uc-sv-input" onChange={(e) => change(e.target.value)} />
      )}
      {q.type !== 'date' && (
        <p className="uc-sv-count" id={`${fieldId(q)}-count`}>
          {t('surveys.answer.count', { count: [...text].length, max: limit })}
        </p>
      )}
      <ErrorLine q={q} error={error} />
    </div>
  );
}

/** One question as the member answers it, by type; the message sits under the field and is read with it. */
export function QuestionField(props: Props) {
  switch (props.question.type) {
    case 'single':
    case 'multiple':
      return <ChoiceField {...props} />;
    case 'rating':
      return <RatingField {...props} />;
    case 'matrix':
      return <MatrixField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    default:
      return <TextField {...props} />;
  }
}
