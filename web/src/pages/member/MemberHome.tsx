import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLogout, useMe } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useMyMember } from '../../api/member';
import { useMySurveys } from '../../api/surveys';
import type { AidCard } from '../../api/types';
import { CardStatusBadge } from '../../components/CardStatusBadge';
import { BrandMark, LogoutIcon, ShieldIcon } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { MemberFoot } from '../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../components/Status';
import { formatDate } from '../../lib/dates';
import '../../i18n/aid';
import '../../i18n/surveys';
import './home-entry.css';
import { LatestArticles } from './articles/LatestArticles';
import { CareEntry } from './care/CareEntry';
import './member.css';

const CARD_ORDER: Record<AidCard['status'], number> = { active: 0, suspended: 1, cancelled: 2 };

/** Groups a card number in fours so it can be read aloud or copied onto a form. */
function groupDigits(value: string): string {
  return value.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

function AidCardView({ card }: { card: AidCard }) {
  const { t } = useTranslation();
  return (
    <article
      className={`uc-aidcard uc-aidcard-${card.status}`}
      aria-labelledby={`card-${card.id}`}
      data-testid="aid-card"
    >
      <div className="uc-aidcard-head">
        <h2 id={`card-${card.id}`} className="uc-aidcard-title">
          {t('member.cardTitle')}
        </h2>
        <CardStatusBadge status={card.status} />
      </div>
      <dl className="uc-aidcard-body">
        <div className="uc-aidcard-no">
          <dt>{t('member.cardNo')}</dt>
          <dd className="uc-mono">{groupDigits(card.cardNo)}</dd>
        </div>
        <div>
          <dt>{t('member.validity')}</dt>
          <dd>{t('member.validRange', { from: formatDate(card.validFrom), to: formatDate(card.validTo) })}</dd>
        </div>
        <div>
          <dt>{t('member.bankAccount')}</dt>
          <dd>
            {card.bankName ? `${card.bankName} ` : ''}
            <span className="uc-mono">{card.bankAccountMasked ?? t('common.none')}</span>
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** 问卷调查 on the home page, with how many open surveys still wait for this member's answers. */
function SurveysEntry() {
  const { t } = useTranslation();
  const surveys = useMySurveys();
  const waiting = (surveys.data ?? []).filter((s) => s.status === 'open' && !s.answered).length;
  return (
    <Link to="/surveys" className="uc-home-entry uc-home-entry-surveys" data-testid="surveys-entry">
      <span className="uc-home-entry-title">{t('surveys.entry.title')}</span>
      <span className="uc-home-entry-hint">
        {surveys.data
          ? waiting
            ? t('surveys.entry.open', { count: waiting })
            : t('surveys.entry.none')
          : t('surveys.entry.hint')}
      </span>
    </Link>
  );
}

export default function MemberHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const member = useMyMember();
  const logout = useLogout();

  useEffect(() => {
    document.title = `${t('app.name')} UnionCare`;
  }, [t]);

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  let content: ReactNode;
  if (member.isPending) {
    content = <FullPageLoading />;
  } else if (member.isError) {
    const message = member.error instanceof ApiError ? member.error.message : t('common.network');
    content = <FullPageError message={message} onRetry={() => void member.refetch()} />;
  } else {
    const m = member.data;
    const cards = [...m.cards].sort((a, b) => CARD_ORDER[a.status] - CARD_ORDER[b.status]);
    content = (
      <>
        <section className="uc-hello" aria-labelledby="hello">
          <h1 id="hello" className="uc-hello-name">
            {t('member.greeting', { name: m.name })}
          </h1>
          <p className="uc-hello-union">
            <span className="uc-label">{t('member.yourUnion')}</span>
            <span>{m.union.name}</span>
          </p>
        </section>

        {cards.length === 0 ? (
          <p className="uc-panel uc-nocard">{t('member.noCard')}</p>
        ) : (
          cards.map((card) => <AidCardView key={card.id} card={card} />)
        )}

        <Link to="/aid" className="uc-home-entry uc-home-entry-aid" data-testid="aid-entry">
          <span className="uc-home-entry-title">{t('aid.entry.title')}</span>
          <span className="uc-home-entry-hint">{t('aid.entry.hint')}</span>
        </Link>

        <CareEntry />

        <SurveysEntry />

        <LatestArticles />

        <Link to="/map" className="uc-map-link">
          <span className="uc-map-link-title">{t('stations.mapLink')}</span>
          <span className="uc-map-link-hint">{t('stations.mapLinkHint')}</span>
        </Link>

        <section className="uc-panel" aria-labelledby="profile">
          <h2 id="profile" className="uc-panel-title">
            {t('member.profile')}
          </h2>
          <dl className="uc-rows">
            <div>
              <dt>{t('member.idNumber')}</dt>
              <dd className="uc-mono" data-testid="id-number">
                {m.idNumberMasked}
              </dd>
            </div>
            <div>
              <dt>{t('member.joinedOn')}</dt>
              <dd>{formatDate(m.joinedOn)}</dd>
            </div>
          </dl>
          <p className="uc-note">
            <ShieldIcon aria-hidden="true" /> {t('member.maskedNote')}
          </p>
        </section>
      </>
    );
  }

  return (
    <div className="uc-member">
      <header className="uc-member-top">
        <div className="uc-member-brand">
          <BrandMark inverse className="uc-member-mark" />
          <span className="uc-member-name">{t('app.name')}</span>
        </div>
        <div className="uc-member-actions">
          <LanguageSwitch tone="dark" />
          <button
            type="button"
            className="uc-icon-button"
            onClick={onLogout}
            disabled={logout.isPending}
            aria-label={t('common.logout')}
            title={t('common.logout')}
          >
            <LogoutIcon />
            <span className="uc-icon-button-text">{t('common.logout')}</span>
          </button>
        </div>
      </header>
      <main className="uc-member-main" id="main" aria-busy={member.isPending}>
        {me.data && me.data.role !== 'member' ? <p>{t('member.notMember')}</p> : content}
      </main>
      <MemberFoot />
    </div>
  );
}
