import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PhoneIcon, Svg } from '../../../components/Icons';
import { LanguageSwitch } from '../../../components/LanguageSwitch';

/** The answering pages' frame: red bar (with a way back when there is one), language switch, hotline at the foot. */
export function SurveyShell({
  title,
  back,
  children,
  busy = false,
}: {
  title: string;
  back?: { to: string; label: string };
  children: ReactNode;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className="uc-member uc-sv">
      <header className="uc-member-top">
        <div className="uc-member-brand">
          {back && (
            <Link to={back.to} className="uc-sv-back" aria-label={back.label}>
              <Svg>
                <path d="m15 5-7 7 7 7" />
              </Svg>
            </Link>
          )}
          <span className="uc-sv-top-title">{title}</span>
        </div>
        <div className="uc-member-actions">
          <LanguageSwitch tone="dark" />
        </div>
      </header>
      <main className="uc-member-main" id="main" aria-busy={busy}>
        {children}
      </main>
      <footer className="uc-member-foot">
        <a href="tel:12351" className="uc-hotline">
          <PhoneIcon aria-hidden="true" /> 12351
        </a>
        <span>{t('login.hotline')}</span>
      </footer>
    </div>
  );
}
