import { useTranslation } from 'react-i18next';
import { setDisplayMode, useDisplayMode } from './display-mode';

/** One pressed-state button beside the language switch: large text and high contrast, on or off. */
export function DisplayModeSwitch({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation();
  const large = useDisplayMode() === 'large';
  return (
    <button
      type="button"
      className={`uc-display-switch uc-display-${tone}`}
      aria-pressed={large}
      aria-label={t('display.largeName')}
      title={t('display.largeName')}
      onClick={() => setDisplayMode(large ? 'standard' : 'large')}
      data-testid="display-switch"
    >
      <span aria-hidden="true">{t('display.large')}</span>
    </button>
  );
}
