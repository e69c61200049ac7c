import { type ReactNode, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type AwardCampaign, type AwardWinner, useAwardCampaigns, useAwardWinners } from '../../api/stations';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { FullPageError, FullPageLoading } from '../../components/Status';
import '../../i18n/stations-public';
import { BackIcon, NavigateIcon, StarIcon } from './StationBits';
import './stations.css';
import './winners.css';

/** Photos are file references; only those that are already web addresses can be shown (as on the station page). */
const showable = (ref: string) => /^(https:\/\/|\/(?!\/))/.test(ref);
const score = (n: number) => n.toFixed(1);

function Stars({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <span className="uc-win-stars" role="img" aria-label={t('stationsPublic.winners.starsLabel', { count })}>
      {[1, 2, 3, 4, 5].map((i) => (
        <StarIcon key={i} filled={i <= count} aria-hidden="true" />
      ))}
      <span aria-hidden="true" className="uc-win-stars-text">
        {t('stationsPublic.winners.stars', { count })}
      </span>
    </span>
  );
}

function WinnerCard({ w, campaign, from }: { w: AwardWinner; campaign: AwardCampaign; from: string }) {
  const { t } = useTranslation();
  const id = useId();
  const photos = w.photos.filter((p) => showable(p.fileRef));
  return (
    <li className="uc-win" data-code={w.code} aria-labelledby={`${id}-name`}>
      <div className="uc-win-head">
        <span className="uc-win-rank">{t('stationsPublic.winners.rank', { rank: w.rank })}</span>
        <Stars count={w.stars} />
      </div>
      <h2 id={`${id}-name`} className="uc-win-name">
        {w.name}
      </h2>
      <p className="uc-station-address">{w.address}</p>
      {w.status === 'exited' && (
        <p className="uc-alert" role="note">
          {t('stationsPublic.winners.exited')}
        </p>
      )}
      {photos.length > 0 && (
        <div className="uc-photos">
          {photos.map((p) => (
            <img key={p.id} src={p.fileRef} alt={p.caption ?? w.name} loading="lazy" />
          ))}
        </div>
      )}
      <dl className="uc-win-scores">
        <div className="uc-win-total">
          <dt>{t('stationsPublic.winners.total')}</dt>
          <dd data-testid="total">{score(w.total)}</dd>
        </div>
        <div>
          <dt>
            {t('stationsPublic.winners.voteScore')} · {campaign.publicWeight}%
          </dt>
          <dd>
            {score(w.voteScore)} <small>({t('stationsPublic.winners.votes', { count: w.votes })})</small>
          </dd>
        </div>
        <div>
          <dt>
            {t('stationsPublic.winners.criteriaScore')} · {campaign.juryWeight}%
          </dt>
          <dd>{score(w.criteriaScore)}</dd>
        </div>
        {campaign.criteria.map((c) => (
          <div key={c.key} className="uc-win-criterion">
            <dt>
              {c.label} · {c.weight}
            </dt>
            <dd>{w.criteria[c.key] === undefined ? '—' : score(w.criteria[c.key]!)}</dd>
          </div>
        ))}
      </dl>
      <div className="uc-win-actions">
        <Link className="uc-button uc-button-secondary" to={`/s/${encodeURIComponent(w.code)}`} state={{ from }}>
          {t('stationsPublic.winners.openStation')}
        </Link>
        {w.status !== 'exited' && (
          <details className="uc-win-nav">
            <summary className="uc-button uc-button-primary">
              <NavigateIcon aria-hidden="true" />
              {t('stationsPublic.winners.navigate')}
            </summary>
            <nav className="uc-nav-apps" aria-label={t('stations.navigateWith')}>
              {(['amap', 'baidu', 'tencent'] as const).map((app) => (
                <a
                  key={app}
                  className="uc-button uc-button-secondary"
                  href={w.navigation[app]}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-app={app}
                >
                  {t(`stations.${app}`)}
                </a>
              ))}
            </nav>
          </details>
        )}
      </div>
    </li>
  );
}

/**
 * The "most beautiful station" winners (public, no sign-in): `/awards` shows the latest published campaign,
 * `/awards/:campaignId` a given one. Stars, weighted scores, photos, and a way to the station and to go there.
 */
export default function WinnersPage() {
  const { t } = useTranslation();
  const { campaignId } = useParams();
  const location = useLocation();
  const campaigns = useAwardCampaigns();
  const published = (campaigns.data?.items ?? []).filter((c) => c.published);
  // the list comes newest first: the latest published campaign is the first published one
  const chosen = campaignId ?? published[0]?.id;
  const winners = useAwardWinners(chosen);

  useEffect(() => {
    document.title = `${t('stationsPublic.winners.title')} · ${t('app.name')}`;
  }, [t]);

  let content: ReactNode;
  if (!campaignId && campaigns.isPending) content = <FullPageLoading />;
  else if (!campaignId && campaigns.isError) {
    content = <FullPageError message={t('common.network')} onRetry={() => void campaigns.refetch()} />;
  } else if (!chosen) content = <p className="uc-map-hint">{t('stationsPublic.winners.noCampaign')}</p>;
  else if (winners.isPending) content = <FullPageLoading />;
  else if (winners.isError) {
    const err = winners.error;
    const status = err instanceof ApiError ? err.status : 0;
    content =
      status === 404 || status === 400 ? (
        <FullPageError message={t('stationsPublic.winners.notFound')} />
      ) : status === 409 ? (
        <p className="uc-map-hint">{t('stationsPublic.winners.notPublished')}</p>
      ) : (
        <FullPageError
          message={err instanceof ApiError ? err.message : t('common.network')}
          onRetry={() => void winners.refetch()}
        />
      );
  } else {
    const { campaign, items } = winners.data;
    content = (
      <>
        <h1 className="uc-stations-title">{campaign.name}</h1>
        <p className="uc-win-intro">
          {t('stationsPublic.winners.intro', { publicWeight: campaign.publicWeight, juryWeight: campaign.juryWeight })}
        </p>
        {items.length === 0 ? (
          <p className="uc-map-hint">{t('stationsPublic.winners.none')}</p>
        ) : (
          <ol className="uc-win-list" data-testid="winners">
            {items.map((w) => (
              <WinnerCard key={w.code} w={w} campaign={campaign} from={location.pathname} />
            ))}
          </ol>
        )}
      </>
    );
  }

  const others = published.filter((c) => c.id !== chosen);
  return (
    <div className="uc-stations">
      <header className="uc-member-top uc-stations-top">
        <Link to="/map" className="uc-back">
          <BackIcon aria-hidden="true" />
          <span>{t('stationsPublic.winners.backToMap')}</span>
        </Link>
        <LanguageSwitch tone="dark" />
      </header>
      <main id="main" className="uc-stations-main">
        <p className="uc-win-kicker">{t('stationsPublic.winners.title')}</p>
        {content}
        {others.length > 0 && (
          <nav className="uc-panel" aria-labelledby="uc-win-others">
            <h2 id="uc-win-others" className="uc-panel-title">
              {t('stationsPublic.winners.otherCampaigns')}
            </h2>
            <ul className="uc-win-others">
              {others.map((c) => (
                <li key={c.id}>
                  <Link to={`/awards/${c.id}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </main>
    </div>
  );
}
