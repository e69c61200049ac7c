import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useFeedbackSummary } from '../../api/stations';
import { BrandMark, PhoneIcon } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { FullPageError, FullPageLoading } from '../../components/Status';
import { StationPackNote } from '../../offline/PackNote';
import { useStationAnywhere } from '../../offline/station';
import { FeedbackPanel } from './FeedbackPanel';
import { AmenityList, BackIcon, NavigateIcon, OpenBadge, StarIcon } from './StationBits';
import './stations.css';

/** Photos are file references; only those that are already web addresses can be shown here. */
const showable = (ref: string) => /^(https:\/\/|\/(?!\/))/.test(ref);

/** A station's public page, opened from the map or from the QR code on its sign (no sign-in). */
export default function StationPage() {
  const { t } = useTranslation();
  const id = useId();
  const { code = '' } = useParams();
  const location = useLocation();
  const station = useStationAnywhere(code);
  const summary = useFeedbackSummary(code);
  const [navOpen, setNavOpen] = useState(false);

  const from = (location.state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' && /^\/(map|awards)\b/.test(from) ? from : '/map';

  useEffect(() => {
    if (station.data) document.title = `${station.data.name} · ${t('app.name')}`;
  }, [station.data, t]);

  let content: ReactNode;
  if (station.isPending) {
    content = <FullPageLoading />;
  } else if (station.isError) {
    const err = station.error;
    const notFound = err instanceof ApiError && (err.status === 404 || err.status === 400);
    content = notFound ? (
      <FullPageError message={t('stations.notFound')} />
    ) : (
      <FullPageError
        message={err instanceof ApiError ? err.message : t('common.network')}
        onRetry={() => void station.refetch()}
      />
    );
  } else {
    const s = station.data;
    const sum = summary.data;
    content = (
      <>
        {station.fromPack && <StationPackNote stored={station.fromPack} />}
        <section className="uc-station-head" aria-labelledby={`${id}-name`}>
          <h1 id={`${id}-name`} className="uc-station-title">
            {s.name}
          </h1>
          <p className="uc-station-code">
            <span className="uc-label">{t('stations.code')}</span> <span className="uc-mono">{s.code}</span>
          </p>
          <OpenBadge openNow={s.openNow} large />
          {(s.status === 'suspended' || s.status === 'exited') && (
            <p className="uc-alert" role="note">
              {t(`stations.${s.status}`)}
            </p>
          )}
          {sum && (
            <p className="uc-summary" data-testid="feedback-summary">
              <span className="uc-summary-line">
                <StarIcon filled aria-hidden="true" className="uc-summary-star" />
                {sum.ratingAverage === null
                  ? t('stations.noRatings')
                  : t('stations.summary', { average: sum.ratingAverage.toFixed(1), count: sum.ratingCount })}
              </span>
              <span className="uc-summary-line">{t('stations.checkins', { count: sum.checkinsLast30Days })}</span>
            </p>
          )}
        </section>

        <section className="uc-welcome" aria-labelledby={`${id}-welcome`}>
          <h2 id={`${id}-welcome`}>{t('stations.welcomeTitle')}</h2>
          <p>{t('stations.welcomeLine')}</p>
        </section>

        <div className="uc-nav">
          <button
            type="button"
            className="uc-button uc-button-primary uc-button-block uc-button-huge"
            aria-expanded={navOpen}
            aria-controls={`${id}-nav`}
            onClick={() => setNavOpen((o) => !o)}
          >
            <NavigateIcon aria-hidden="true" />
            {t('stations.navigate')}
          </button>
          {navOpen && (
            <nav id={`${id}-nav`} className="uc-nav-apps" aria-label={t('stations.navigateWith')}>
              {(['amap', 'baidu', 'tencent'] as const).map((app) => (
                <a
                  key={app}
                  className="uc-button uc-button-secondary"
                  href={s.navigation[app]}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-app={app}
                >
                  {t(`stations.${app}`)}
                </a>
              ))}
            </nav>
          )}
        </div>

        <section className="uc-panel" aria-labelledby={`${id}-hours`}>
          <h2 id={`${id}-hours`} className="uc-panel-title">
            {t('stations.hours')}
          </h2>
          <p className="uc-hours" data-testid="hours">
            {s.openingHoursText}
          </p>
        </section>

        <section className="uc-panel" aria-labelledby={`${id}-amenities`}>
          <h2 id={`${id}-amenities`} className="uc-panel-title">
            {t('stations.amenities')}
          </h2>
          {s.amenities.length ? (
            <AmenityList codes={s.amenities.map((a) => a.code)} />
          ) : (
            <p>{t('stations.noAmenities')}</p>
          )}
        </section>

        <section className="uc-panel" aria-labelledby={`${id}-contact`}>
          <h2 id={`${id}-contact`} className="uc-panel-title">
            {t('stations.contact')}
          </h2>
          <dl className="uc-rows">
            <div>
              <dt>{t('stations.phone')}</dt>
              <dd>
                {s.phone ? (
                  <a
                    className="uc-tel"
                    href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}
                    aria-label={t('stations.call', { phone: s.phone })}
                  >
                    <PhoneIcon aria-hidden="true" /> {s.phone}
                  </a>
                ) : (
                  t('stations.noPhone')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('stations.address')}</dt>
              <dd>{s.address}</dd>
            </div>
            {s.hostOrg && (
              <div>
                <dt>{t('stations.host')}</dt>
                <dd>{s.hostOrg}</dd>
              </div>
            )}
            <div>
              <dt>{t('stations.stationType')}</dt>
              <dd>{s.stationTypeName}</dd>
            </div>
          </dl>
          {s.lastVerifiedOn && <p className="uc-note-plain">{t('stations.verified', { date: s.lastVerifiedOn })}</p>}
        </section>

        {s.photos.some((p) => showable(p.fileRef)) && (
          <section className="uc-panel" aria-labelledby={`${id}-photos`}>
            <h2 id={`${id}-photos`} className="uc-panel-title">
              {t('stations.photos')}
            </h2>
            <div className="uc-photos">
              {s.photos
                .filter((p) => showable(p.fileRef))
                .map((p) => (
                  <img key={p.id} src={p.fileRef} alt={p.caption ?? s.name} loading="lazy" />
                ))}
            </div>
          </section>
        )}

        {/* keyed by station: what was chosen, sent or remembered for one station never shows on the next */}
        {s.status !== 'exited' && (
          <FeedbackPanel key={s.code} code={s.code} amenityCodes={s.amenities.map((a) => a.code)} />
        )}
      </>
    );
  }

  return (
    <div className="uc-stations">
      <header className="uc-member-top uc-stations-top">
        <Link to={back} className="uc-back">
          <BackIcon aria-hidden="true" />
          <span>{t('stations.back')}</span>
        </Link>
        <span className="uc-member-brand uc-stations-mark" aria-hidden="true">
          <BrandMark inverse className="uc-member-mark" />
        </span>
        <LanguageSwitch tone="dark" />
      </header>
      <main id="main" className="uc-stations-main">
        {content}
      </main>
    </div>
  );
}
