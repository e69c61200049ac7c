import { useTranslation } from 'react-i18next';
import { DisplayModeSwitch } from '../a11y/DisplayModeSwitch';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n';

const LABEL_KEY: Record<Language, 'lang.zh' | 'lang.en'> = { 'zh-CN': 'lang.zh', en: 'lang.en' };

/**
 * 中文 / English toggle; a labelled group of two pressed-state buttons (no antd: used on member pages), followed by
 * the large-text switch (a11y/DisplayModeSwitch) unless `display` is false.
 */
export function LanguageSwitch({ tone = 'light', display = true }: { tone?: 'light' | 'dark'; display?: boolean }) {
  const current = currentLanguage();
  if (!display) return <LanguageGroup tone={tone} current={current} />;
  return (
    <span className="uc-top-tools">
      <LanguageGroup tone={tone} current={current} />
      <DisplayModeSwitch tone={tone} />
    </span>
  );
}

function LanguageGroup({ tone, current }: { tone: 'light' | 'dark'; current: Language }) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would add a visible legend; a labelled group is enough
    <div className={`uc-lang uc-lang-${tone}`} role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={current === lng}
          className={current === lng ? 'is-active' : undefined}
          onClick={() => void setLanguage(lng)}
        >
          {t(LABEL_KEY[lng])}
        </button>
      ))}
    </div>
  );
}
