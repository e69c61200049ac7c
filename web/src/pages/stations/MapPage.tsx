import gcoord from 'gcoord';
import type { Map as LeafletMap } from 'leaflet';
import { lazy, type ReactNode, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { FILTER_AMENITIES, type NearbyStation, type PublicConfig, usePublicConfig } from '../../api/stations';
import { BrandMark } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import '../../i18n/stations-public';
import { useNearbyAnywhere } from '../../offline/nearby';
import { PackNote } from '../../offline/PackNote';
import {
  AmenityIcon,
  AmenityList,
  LocateIcon,
  OpenBadge,
  PinIcon,
  useFormatDistance,
  useOpenText,
} from './StationBits';
import type { LatLng } from './StationMap';
import './stations.css';

// Leaflet (~40 KB gzip and the costliest script to start) comes after the page's first paint: the title, the controls
// and the list do not wait for it. Asked for once that paint is done, in parallel with the page's API calls.
let leaflet: Promise<[typeof import('./StationMap'), typeof import('./SuggestedSitesLayer')]> | null = null;
const loadLeaflet = () => {
  leaflet ??= Promise.all([import('./StationMap'), import('./SuggestedSitesLayer')]);
  return leaflet;
};
const StationMap = lazy(() => loadLeaflet().then(([m]) => ({ default: m.StationMap })));
const SuggestedSitesLayer = lazy(() => loadLeaflet().then(([, m]) => ({ default: m.SuggestedSitesLayer })));

/** The map's plain ground, same size, while Leaflet or the tile configuration is on its way. */
function MapGround() {
  return <div className="uc-map uc-map-plain" />;
}

type LocateState = 'idle' | 'locating' | 'failed';

const NONE: readonly NearbyStation[] = [];
const NO_TILES: PublicConfig = { mapTileUrl: '', mapAttribution: '', mapTileCrs: 'wgs84' };

/** `?at=lng,lat` (WGS-84): the position survives a reload and the way back from a station page. */
function parseAt(text: string | null): LatLng | null {
  const [lng, lat] = (text ?? '').split(',').map(Number);
  if (lng === undefined || lat === undefined || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null;
  return { lng, lat };
}

function toDatum(p: LatLng, datum: 'wgs84' | 'gcj02'): LatLng {
  if (datum === 'wgs84') return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02);
  return { lng, lat };
}

function fromDatum(p: LatLng, datum: 'wgs84' | 'gcj02'): LatLng {
  if (datum === 'wgs84') return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, gcoord.WGS84);
  return { lng, lat };
}

/** The public station map (no sign-in): locate me or pick a point, the nearest open stations on a map and a list. */
export default function MapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const config = usePublicConfig();
  const formatDistance = useFormatDistance();
  const openText = useOpenText();

  const at = params.get('at');
  const position = useMemo(() => parseAt(at), [at]);
  const picked = params.get('src') === 'pick';
  const openNow = params.get('open') !== '0';
  const amenities = useMemo(
    () => (params.get('a') ?? '').split(',').filter((a) => (FILTER_AMENITIES as readonly string[]).includes(a)),
    [params],
  );
  const [locate, setLocate] = useState<LocateState>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [leafletMap, setLeafletMap] = useState<LeafletMap | null>(null);

  useEffect(() => {
    document.title = `${t('stations.mapTitle')} · ${t('app.name')}`; // as map-first-paint.tsx writes it
  }, [t]);

  // the next frame is the first paint; right after it, Leaflet (see loadLeaflet)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => void loadLeaflet().catch(() => {}), 0); // a failure shows where the map renders
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  const update = useCallback(
    (change: Record<string, string | null>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(change)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const setPosition = useCallback(
    (p: LatLng, source: 'gps' | 'pick') => update({ at: `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`, src: source }),
    [update],
  );

  const locateMe = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setLocate('failed');
      setFailure(t('stations.locateUnsupported'));
      setPicking(true);
      return;
    }
    setLocate('locating');
    setFailure(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocate('idle');
        setPicking(false);
        setPosition({ lng: pos.coords.longitude, lat: pos.coords.latitude }, 'gps');
      },
      (err) => {
        setLocate('failed');
        setPicking(true);
        setFailure(
          err.code === err.PERMISSION_DENIED
            ? t('stations.locateDenied')
            : err.code === err.TIMEOUT
              ? t('stations.locateTimeout')
              : t('stations.locateUnavailable'),
        );
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, [setPosition, t]);

  // locate at once when the worker has already allowed it (no prompt); otherwise wait for the button
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    if (position || !navigator.permissions?.query) return;
    navigator.permissions
      .query({ name: 'geolocation' })
      .then((status) => {
        if (status.state === 'granted') locateMe();
      })
      .catch(() => {});
  }, []);

  const cfg = config.data ?? NO_TILES;
  const datum = cfg.mapTileCrs;
  // the map's datum comes with the configuration: no search before it is known
  const shown = useMemo(
    () => (position && !config.isPending ? toDatum(position, datum) : null),
    [position, datum, config.isPending],
  );
  const nearby = useNearbyAnywhere(shown ? { ...shown, crs: datum, openNow, amenities } : null);
  const answer: readonly NearbyStation[] = nearby.data?.items ?? NONE;
  // the list and the markers of a new answer render in a transition: React builds them in slices and a tap meanwhile
  // is answered at once; `settling` while the shown list is not yet the answer
  const items = useDeferredValue(answer);
  const settling = items !== answer;

  const onPick = useCallback(
    (p: LatLng) => {
      if (!picking && position) return;
      setPicking(false);
      setLocate('idle');
      setFailure(null);
      setPosition(fromDatum(p, datum), 'pick');
    },
    [picking, position, setPosition, datum],
  );

  const toggleAmenity = (code: string) => {
    const next = amenities.includes(code) ? amenities.filter((a) => a !== code) : [...amenities, code];
    update({ a: next.length ? next.join(',') : null });
  };

  const stationLink = (code: string) => `/s/${encodeURIComponent(code)}`;
  const from = { from: location.pathname + location.search };

  let results: ReactNode = null;
  if (!position) {
    results = <p className="uc-map-hint">{t('stations.startHint')}</p>;
  } else if (nearby.isError) {
    results = (
      <p className="uc-alert" role="alert">
        {nearby.error instanceof ApiError ? nearby.error.message : t('common.network')}
      </p>
    );
  } else if (nearby.isPending || (settling && items.length === 0)) {
    results = <p className="uc-map-hint">{t('common.loading')}</p>;
  } else if (items.length === 0) {
    results = <p className="uc-map-hint">{openNow ? t('stations.noResultsOpen') : t('stations.noResults')}</p>;
  } else {
    results = (
      <ol className="uc-station-list" data-testid="station-list" aria-busy={nearby.isFetching || settling}>
        {items.map((s, i) => (
          <li key={s.code} data-code={s.code}>
            <Link className="uc-station-card" to={stationLink(s.code)} state={from}>
              <span className="uc-station-no" aria-hidden="true">
                {i + 1}
              </span>
              <span className="uc-station-body">
                <span className="uc-station-name">{s.name}</span>
                <span className="uc-station-meta">
                  <OpenBadge openNow={s.openNow} />
                  <span className="uc-distance" data-testid="distance">
                    {t('stations.distance', { distance: formatDistance(s.distanceM) })}
                  </span>
                </span>
                <span className="uc-station-address">{s.address}</span>
                <AmenityList codes={s.amenities} max={4} />
              </span>
            </Link>
          </li>
        ))}
      </ol>
    );
  }

  const status =
    locate === 'locating'
      ? t('stations.locating')
      : locate === 'failed'
        ? `${t('stations.locateFailed', { reason: failure ?? '' })} ${t('stations.pickHint')}`
        : picking
          ? t('stations.pickActive')
          : '';

  return (
    <div className="uc-stations">
      <header className="uc-member-top uc-stations-top">
        <Link to="/" className="uc-member-brand uc-stations-brand">
          <BrandMark inverse className="uc-member-mark" />
          <span className="uc-stations-name">{t('app.name')}</span>
        </Link>
        <LanguageSwitch tone="dark" />
      </header>
      <main id="main" className="uc-stations-main">
        <h1 className="uc-stations-title">{t('stations.mapTitle')}</h1>

        <div className="uc-locate-row">
          <button
            type="button"
            className="uc-button uc-button-primary"
            onClick={locateMe}
            disabled={locate === 'locating'}
          >
            <LocateIcon aria-hidden="true" />
            {locate === 'locating'
              ? t('stations.locating')
              : position
                ? t('stations.locateAgain')
                : t('stations.locate')}
          </button>
          <button
            type="button"
            className="uc-button uc-button-secondary"
            aria-pressed={picking}
            onClick={() => setPicking((p) => !p)}
          >
            <PinIcon aria-hidden="true" />
            {t('stations.pickOnMap')}
          </button>
        </div>
        <p className={`uc-locate-status${locate === 'failed' ? ' is-error' : ''}`} role="status" aria-live="polite">
          {status}
        </p>

        <fieldset className="uc-chips">
          <legend className="uc-visually-hidden">{t('stations.filters')}</legend>
          <button
            type="button"
            className="uc-chip"
            aria-pressed={openNow}
            onClick={() => update({ open: openNow ? '0' : null })}
          >
            {openNow && (
              <span className="uc-chip-tick" aria-hidden="true">
                ✓
              </span>
            )}
            {t('stations.openNow')}
          </button>
          {FILTER_AMENITIES.map((code) => (
            <button
              key={code}
              type="button"
              className="uc-chip"
              aria-pressed={amenities.includes(code)}
              onClick={() => toggleAmenity(code)}
            >
              {amenities.includes(code) && (
                <span className="uc-chip-tick" aria-hidden="true">
                  ✓
                </span>
              )}
              <AmenityIcon code={code} />
              {t(`stations.amenity.${code}`)}
            </button>
          ))}
        </fieldset>

        <section className="uc-map-box" aria-label={t('stations.map')}>
          <div className="uc-map-frame">
            <Suspense fallback={<MapGround />}>
              {config.isPending ? (
                <MapGround />
              ) : (
                <StationMap
                  config={cfg}
                  position={shown}
                  positionLabel={picked ? t('stations.pickedHere') : t('stations.youAreHere')}
                  stations={items}
                  label={t('stations.mapLabel')}
                  markerLabel={(s, i) =>
                    t('stations.markerLabel', {
                      number: i + 1,
                      name: s.name,
                      status: openText(s.openNow),
                      distance: formatDistance(s.distanceM),
                    })
                  }
                  onPick={onPick}
                  onOpenStation={(code) => navigate(stationLink(code), { state: from })}
                  onTilesFailed={() => setTilesFailed(true)}
                  onMap={setLeafletMap}
                />
              )}
            </Suspense>
            {!config.isPending && (!cfg.mapTileUrl || tilesFailed) && (
              <p className="uc-map-note" data-testid="tiles-note">
                {cfg.mapTileUrl ? t('stations.tilesFailed') : t('stations.tilesOff')}
              </p>
            )}
          </div>
          {leafletMap && (
            <Suspense fallback={null}>
              <SuggestedSitesLayer map={leafletMap} datum={datum} />
            </Suspense>
          )}
        </section>
        <Link className="uc-map-awards" to="/awards">
          {t('stationsPublic.winners.mapLink')}
        </Link>

        <section className="uc-results" aria-labelledby="results-title">
          <h2 id="results-title" className="uc-results-title">
            {t('stations.resultsTitle')}
            {items.length > 0 && (
              <span className="uc-results-count">{t('stations.resultsCount', { count: items.length })}</span>
            )}
          </h2>
          {results}
          <PackNote source={nearby.data?.source ?? null} region={nearby.data?.region ?? null} />
        </section>
      </main>
    </div>
  );
}
