import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="uc-center">
      <h1 className="uc-title">{t('common.notFound')}</h1>
      <Link className="uc-button uc-button-secondary" to="/">
        {t('common.backHome')}
      </Link>
    </main>
  );
}
