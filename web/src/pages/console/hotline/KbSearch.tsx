import { SearchOutlined } from '@ant-design/icons';
import { Input, Tag, Typography } from 'antd';
import { type KeyboardEvent, type RefObject, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MatchKind, useKbSearch } from '../../../api/hotline';

/** The value after it has stopped changing for `ms` (one search per pause in typing, not per keystroke). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const MATCH_COLOR: Record<MatchKind, string> = {
  text: 'blue',
  synonym: 'purple',
  pinyin: 'cyan',
  initials: 'geekblue',
};

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  consultationId?: string;
  selectedId: string | null;
  onPick: (id: string) => void;
}

/**
 * Knowledge-base search as the operator types (Chinese, pinyin or initials): ↑/↓ move through the results, Enter
 * opens the highlighted one, Esc clears. A search that finds nothing is kept for the unanswered-questions report.
 */
export function KbSearch({ inputRef, consultationId, selectedId, onPick }: Props) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const q = useDebounced(text, 250);
  const search = useKbSearch(q, consultationId);
  const items = text.trim() ? (search.data?.items ?? []) : [];

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new result list starts from its first entry
  useEffect(() => setActive(0), [search.data]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setActive((i) => (i + 1) % items.length);
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive((i) => (i - 1 + items.length) % items.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const item = items[active];
      if (item) onPick(item.id);
    } else if (e.key === 'Escape') {
      setText('');
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const settling = text.trim() !== q.trim() || search.isFetching;

  return (
    <div className="uc-kb-search">
      <label htmlFor="kb-search" className="uc-visually-hidden">
        {t('hotline.operator.search')}
      </label>
      <Input
        id="kb-search"
        ref={(el) => {
          inputRef.current = el?.input ?? null;
        }}
        size="large"
        allowClear
        prefix={<SearchOutlined aria-hidden="true" />}
        placeholder={t('hotline.operator.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={items.length ? optionId(active) : undefined}
        data-testid="kb-search"
      />
      <div className="uc-kb-status" aria-live="polite">
        {text.trim() && !settling && search.data && (
          <Typography.Text type={items.length ? 'secondary' : 'warning'}>
            {items.length ? t('hotline.operator.results', { count: items.length }) : t('hotline.operator.noResults')}
            {search.data.terms.length > 0 &&
              ` · ${t('hotline.operator.terms')}${t('common.labelSeparator')}${search.data.terms.join(' ')}`}
          </Typography.Text>
        )}
      </div>
      <div id={listId} role="listbox" className="uc-kb-results" aria-label={t('hotline.operator.search')}>
        {items.map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works from the search box (combobox pattern)
          <div
            key={item.id}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className={`uc-kb-result${i === active ? ' uc-kb-result-active' : ''}${
              item.id === selectedId ? ' uc-kb-result-open' : ''
            }`}
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(item.id)}
            data-testid="kb-result"
          >
            <div className="uc-kb-result-title">{item.title}</div>
            <div className="uc-kb-result-snippet">{item.snippet}</div>
            <div className="uc-kb-result-tags">
              {item.coverages.map((c) => (
                <Tag key={c.id} color="red">
                  {c.name}
                </Tag>
              ))}
              {item.matchedBy.map((m) => (
                <Tag key={m} color={MATCH_COLOR[m]} bordered={false}>
                  {t(`hotline.match.${m}`)}
                </Tag>
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
