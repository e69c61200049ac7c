import { ArrowDownOutlined, ArrowUpOutlined, CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Input, InputNumber, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type MatrixItem,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type SurveyDefinition,
} from '../../../api/surveys';
import { isChoice, move, nextId, showIfCandidates } from './builder-model';

interface Props {
  def: SurveyDefinition;
  question: Question;
  /** number shown before the title (1-based, across the survey) */
  number: number;
  errors: string[];
  onChange: (q: Question) => void;
  onType: (type: QuestionType) => void;
  onMove: (delta: -1 | 1) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** An editable list of labelled items: choice options, matrix rows or columns. */
function ItemList<T extends MatrixItem & { other?: boolean }>({
  items,
  prefix,
  testId,
  label,
  withOther = false,
  onChange,
}: {
  items: T[];
  prefix: 'o' | 'r' | 'c';
  testId: string;
  label: (n: number) => string;
  withOther?: boolean;
  onChange: (items: T[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<T>) => onChange(items.map((it, j) => (j === i ? { ...it, ...patch } : it)));
  const add = (other = false) => {
    const id = nextId({ title: '', sections: [] }, prefix, items);
    const text = other ? t('surveys.builder.otherLabel') : label(items.length + 1);
    const item = { id, label: text, ...(other ? { other: true } : {}) } as T;
    // "other" stays last, where people look for it
    const lastOther = items.findIndex((it) => it.other);
    onChange(
      lastOther >= 0 && !other ? [...items.slice(0, lastOther), item, ...items.slice(lastOther)] : [...items, item],
    );
  };
  return (
    <div className="uc-svb-items">
      {items.map((it, i) => (
        <Space.Compact key={it.id} className="uc-svb-item" block>
          <Input
            value={it.label}
            aria-label={`${label(i + 1)}`}
            data-testid={`${testId}-${i}`}
            onChange={(e) => set(i, { label: e.target.value } as Partial<T>)}
            addonBefore={<span className="uc-svb-item-id">{it.id}</span>}
          />
          {withOther && (
            <Tooltip title={t('surveys.builder.otherHint')}>
              <Checkbox
                className="uc-svb-other"
                checked={Boolean(it.other)}
                onChange={(e) => set(i, { other: e.target.checked || undefined } as Partial<T>)}
              >
                {t('surveys.builder.other')}
              </Checkbox>
            </Tooltip>
          )}
          <Button
            icon={<ArrowUpOutlined />}
            aria-label={t('surveys.builder.moveUp')}
            disabled={i === 0}
            onClick={() => onChange(move(items, i, i - 1))}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('surveys.builder.remove')}
            onClick={() => onChange(items.filter((_, j) => j !== i))}
          />
        </Space.Compact>
      ))}
      <Space wrap>
        <Button size="small" icon={<PlusOutlined />} onClick={() => add()} data-testid={`${testId}-add`}>
          {t('surveys.builder.addItem')}
        </Button>
        {withOther && !items.some((it) => it.other) && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => add(true)} data-testid={`${testId}-add-other`}>
            {t('surveys.builder.addOther')}
          </Button>
        )}
      </Space>
    </div>
  );
}

const num = (v: number | string | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** One question of the builder: type, title, required, the settings of its type, and skip logic. */
export function QuestionEditor({
  def,
  question: q,
  number,
  errors,
  onChange,
  onType,
  onMove,
  onDuplicate,
  onDelete,
}: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch });
  const candidates = showIfCandidates(def, q.id);
  const target = candidates.find((c) => c.id === q.showIf?.questionId);
  const tid = (name: string) => `${name}-${q.id}`;

  return (
    <Card
      size="small"
      className="uc-svb-q"
      data-testid={`builder-question-${q.id}`}
      title={
        <Space wrap>
          <span className="uc-svb-qno">
            {number}. <span className="uc-svb-item-id">{q.id}</span>
          </span>
          <Select
            value={q.type}
            aria-label={t('surveys.builder.type')}
            data-testid={tid('q-type')}
            className="uc-svb-type"
            onChange={onType}
            options={QUESTION_TYPES.map((type) => ({ value: type, label: t(`surveys.types.${type}`) }))}
          />
        </Space>
      }
      extra={
        <Space size={2}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            aria-label={t('surveys.builder.moveUp')}
            onClick={() => onMove(-1)}
          />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={t('surveys.builder.moveDown')}
            onClick={() => onMove(1)}
          />
          <Button
            size="small"
            type="text"
            icon={<CopyOutlined />}
            aria-label={t('surveys.builder.duplicate')}
            onClick={onDuplicate}
          />
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('surveys.builder.deleteQuestion')}
            onClick={onDelete}
          />
        </Space>
      }
    >
      <div className="uc-svb-grid">
        <label className="uc-svb-label" htmlFor={tid('q-title')}>
          {t('surveys.builder.questionTitle')}
        </label>
        <Input
          id={tid('q-title')}
          data-testid={tid('q-title')}
          value={q.title}
          onChange={(e) => set({ title: e.target.value })}
        />
        <label className="uc-svb-label" htmlFor={tid('q-help')}>
          {t('surveys.builder.help')}
        </label>
        <Input id={tid('q-help')} value={q.help ?? ''} onChange={(e) => set({ help: e.target.value || undefined })} />
        <span className="uc-svb-label">{t('surveys.builder.required')}</span>
        <Switch
          checked={q.required}
          data-testid={tid('q-required')}
          aria-label={t('surveys.builder.required')}
          onChange={(required) => set({ required })}
        />

        {isChoice(q) && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.options')}</span>
            <ItemList
              items={q.options ?? []}
              prefix="o"
              testId={tid('opt')}
              withOther
              label={(n) => t('surveys.builder.optionN', { n })}
              onChange={(options) => set({ options })}
            />
            <span className="uc-svb-label">{t('surveys.builder.randomizeOptions')}</span>
            <Switch
              checked={Boolean(q.randomizeOptions)}
              aria-label={t('surveys.builder.randomizeOptions')}
              onChange={(v) => set({ randomizeOptions: v || undefined })}
            />
          </>
        )}
        {q.type === 'multiple' && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.picks')}</span>
            <Space wrap>
              <InputNumber
                min={0}
                max={q.options?.length}
                value={q.minPicks}
                aria-label={t('surveys.builder.minPicks')}
                prefix={t('surveys.builder.minPicks')}
                onChange={(v) => set({ minPicks: num(v) })}
              />
              <InputNumber
                min={1}
                max={q.options?.length}
                value={q.maxPicks}
                aria-label={t('surveys.builder.maxPicks')}
                prefix={t('surveys.builder.maxPicks')}
                onChange={(v) => set({ maxPicks: num(v) })}
              />
            </Space>
          </>
        )}
        {q.type === 'rating' && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.scale')}</span>
            <Space wrap>
              <InputNumber
                value={q.scale?.min}
                aria-label={t('surveys.builder.scaleMin')}
                prefix={t('surveys.builder.scaleMin')}
                onChange={(v) => set({ scale: { ...(q.scale ?? { max: 5 }), min: num(v) ?? 1 } })}
              />
              <InputNumber
                value={q.scale?.max}
                aria-label={t('surveys.builder.scaleMax')}
                prefix={t('surveys.builder.scaleMax')}
                onChange={(v) => set({ scale: { ...(q.scale ?? { min: 1 }), max: num(v) ?? 5 } })}
              />
              <Input
                value={q.scale?.minLabel ?? ''}
                placeholder={t('surveys.builder.minLabel')}
                aria-label={t('surveys.builder.minLabel')}
                onChange={(e) =>
                  set({ scale: { ...(q.scale ?? { min: 1, max: 5 }), minLabel: e.target.value || undefined } })
                }
              />
              <Input
                value={q.scale?.maxLabel ?? ''}
                placeholder={t('surveys.builder.maxLabel')}
                aria-label={t('surveys.builder.maxLabel')}
                onChange={(e) =>
                  set({ scale: { ...(q.scale ?? { min: 1, max: 5 }), maxLabel: e.target.value || undefined } })
                }
              />
            </Space>
          </>
        )}
        {q.type === 'number' && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.range')}</span>
            <Space wrap>
              <InputNumber
                value={q.range?.min}
                aria-label={t('surveys.builder.rangeMin')}
                prefix={t('surveys.builder.rangeMin')}
                onChange={(v) => set({ range: { ...q.range, min: num(v) } })}
              />
              <InputNumber
                value={q.range?.max}
                aria-label={t('surveys.builder.rangeMax')}
                prefix={t('surveys.builder.rangeMax')}
                onChange={(v) => set({ range: { ...q.range, max: num(v) } })}
              />
            </Space>
          </>
        )}
        {(q.type === 'text' || q.type === 'longtext') && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.maxLength')}</span>
            <InputNumber
              min={1}
              max={5000}
              value={q.maxLength}
              aria-label={t('surveys.builder.maxLength')}
              onChange={(v) => set({ maxLength: num(v) })}
            />
          </>
        )}
        {q.type === 'matrix' && (
          <>
            <span className="uc-svb-label">{t('surveys.builder.rows')}</span>
            <ItemList
              items={q.rows ?? []}
              prefix="r"
              testId={tid('row')}
              label={(n) => t('surveys.builder.rowN', { n })}
              onChange={(rows) => set({ rows })}
            />
            <span className="uc-svb-label">{t('surveys.builder.columns')}</span>
            <ItemList
              items={q.columns ?? []}
              prefix="c"
              testId={tid('col')}
              label={(n) => t('surveys.builder.columnN', { n })}
              onChange={(columns) => set({ columns })}
            />
          </>
        )}

        <span className="uc-svb-label">{t('surveys.builder.showIf')}</span>
        {candidates.length === 0 ? (
          <Typography.Text type="secondary">{t('surveys.builder.showIfNone')}</Typography.Text>
        ) : (
          <Space wrap className="uc-svb-showif">
            <Select
              allowClear
              className="uc-svb-showif-q"
              placeholder={t('surveys.builder.showIfAlways')}
              aria-label={t('surveys.builder.showIfQuestion')}
              data-testid={tid('showif-q')}
              value={q.showIf?.questionId}
              onChange={(questionId?: string) => set({ showIf: questionId ? { questionId, anyOf: [] } : undefined })}
              options={candidates.map((c) => ({ value: c.id, label: `${c.id} · ${c.title}` }))}
            />
            {target && (
              <Select
                mode="multiple"
                className="uc-svb-showif-o"
                placeholder={t('surveys.builder.showIfOptions')}
                aria-label={t('surveys.builder.showIfOptions')}
                data-testid={tid('showif-o')}
                value={q.showIf?.anyOf ?? []}
                onChange={(anyOf: string[]) => set({ showIf: { questionId: target.id, anyOf } })}
                options={(target.options ?? []).map((o) => ({ value: o.id, label: o.label }))}
              />
            )}
          </Space>
        )}
      </div>
      {errors.length > 0 && (
        <ul className="uc-svb-errors" aria-label={t('surveys.builder.problems')}>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
