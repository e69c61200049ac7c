import './member-shell.css';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type IconProps, PhoneIcon, Svg } from './Icons';
import { LanguageSwitch } from './LanguageSwitch';

const BackIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m15 5-7 7 7 7" />
  </Svg>
);

/** The member pages' foot: the 12351 hotline to call. */
export function MemberFoot() {
  const { t } = useTranslation();
  return (
    <footer className="uc-member-foot">
      <a href="tel:12351" className="uc-hotline">
        <PhoneIcon aria-hidden="true" /> 12351
      </a>
      <span>{t('login.hotline')}</span>
    </footer>
  );
}

/**
 * The member pages' frame (aid, care, articles, surveys): red bar with a way back when there is one, the page title
 * and the language switch; the 12351 hotline at the foot. The base styles are member.css's, which the pages import.
 */
export function MemberShell({
  title,
  back,
  className,
  children,
  busy = false,
}: {
  title: string;
  back?: { to: string; label: string };
  /** extra class on the root, e.g. `uc-sv` that the survey pages' CSS hangs from */
  className?: string;
  children: ReactNode;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <div className={className ? `uc-member ${className}` : 'uc-member'}>
      <header className="uc-member-top">
        <div className="uc-member-brand">
          {back && (
            <Link to={back.to} className="uc-member-back" aria-label={back.label}>
              <BackIcon />
            </Link>
          )}
          <span className="uc-member-title">{title}</span>
        </div>
        <div className="uc-member-actions">
          <LanguageSwitch tone="dark" />
        </div>
      </header>
      <main className="uc-member-main" id="main" aria-busy={busy}>
        {children}
      </main>
      <MemberFoot />
    </div>
  );
}
