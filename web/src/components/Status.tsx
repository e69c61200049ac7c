import { useTranslation } from 'react-i18next';

/** Light loading/error states shared by all areas (no antd, so member pages stay small). */
export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="uc-center" role="status" aria-live="polite">
      <span className="uc-spinner" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function FullPageError({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="uc-center" role="alert">
      <p className="uc-error-text">{message ?? t('common.loadFailed')}</p>
      {onRetry && (
        <button type="button" className="uc-button uc-button-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
