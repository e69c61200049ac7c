import { useQuery } from '@tanstack/react-query';
import gcoord from 'gcoord';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../api/auth';
import { ApiError, api } from '../../api/client';
import '../../i18n/stations-public';
import { useFormatDistance } from './StationBits';
import './winners.css';

/** The server's answer (GET /api/v1/stations/suggested-sites), WGS-84. */
export interface SuggestedSite {
  lng: number;
  lat: number;
  searches: number;
  checkins: number;
  score: number;
  nearestStationM: number | null;
}

/** No station within this distance of a searched cell makes it a suggestion (the API's default). */
const MIN_DISTANCE_M = 1000;
/** The API answers for views up to 1° a side; a wider view asks about its middle. */
const MAX_SIDE_DEG = 1;

type Datum = 'wgs84' | 'gcj02';
type Bbox = [number, number, number, number];

function toWgs([lng, lat]: [number, number], datum: Datum): [number, number] {
  return datum === 'wgs84'
    ? [lng, lat]
    : (gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number]);
}

function fromWgs([lng, lat]: [number, number], datum: Datum): [number, number] {
  return datum === 'wgs84'
    ? [lng, lat]
    : (gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number]);
}

/** The map's view as a WGS-84 box the API accepts (≤ 1° a side), rounded so that small pans reuse the answer. */
export function viewBbox(map: L.Map, datum: Datum): Bbox {
  const b = map.getBounds();
  const [x0, y0] = toWgs([b.getWest(), b.getSouth()], datum);
  const [x1, y1] = toWgs([b.getEast(), b.getNorth()], datum);
  const clamp = (lo: number, hi: number): [number, number] => {
    const mid = (lo + hi) / 2;
    const half = Math.min(hi - lo, MAX_SIDE_DEG - 0.01) / 2;
    return [Math.floor((mid - half) * 100) / 100, Math.ceil((mid + half) * 100) / 100];
  };
  const [minLng, maxLng] = clamp(Math.max(x0, -180), Math.min(x1, 180));
  const [minLat, maxLat] = clamp(Math.max(y0, -90), Math.min(y1, 90));
  return [minLng, minLat, maxLng, maxLat];
}

/**
 * "Suggested new sites" on the station map: demand cells (searches and check-ins) with no active station within
 * 1 km. The analysis is for union staff planning new stations (the API asks for staff sign-in): a worker looking
 * for a station sees nothing of it; signed-in staff get a toggle, off by default, above the map.
 */
export function SuggestedSitesLayer({ map, datum }: { map: L.Map | null; datum: Datum }) {
  const { t } = useTranslation();
  const formatDistance = useFormatDistance();
  const me = useMe();
  const staff = can(me.data, 'stations.read') && me.data?.role !== 'station_operator';
  const [shown, setShown] = useState(false);
  const [bbox, setBbox] = useState<Bbox | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  // follow the view while the layer is on
  useEffect(() => {
    if (!map || !shown) return;
    const follow = () => setBbox(viewBbox(map, datum));
    follow();
    map.on('moveend', follow);
    return () => {
      map.off('moveend', follow);
    };
  }, [map, shown, datum]);

  const sites = useQuery({
    queryKey: ['stations', 'suggested-sites', bbox],
    queryFn: ({ signal }) =>
      api<{ items: SuggestedSite[] }>('/api/v1/stations/suggested-sites', {
        query: { bbox: bbox!.join(','), minDistanceM: MIN_DISTANCE_M, limit: 200 },
        signal,
      }),
    enabled: staff && shown && bbox !== null,
    staleTime: 5 * 60_000,
  });

  // one layer group per map, gone with it
  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    layer.current = group;
    return () => {
      group.remove();
      layer.current = null;
    };
  }, [map]);

  // draw: one dashed circle per suggestion, under the station markers
  useEffect(() => {
    const group = layer.current;
    if (!map || !group) return;
    group.clearLayers();
    if (!shown || !staff) return;
    for (const s of sites.data?.items ?? []) {
      const label = t('stationsPublic.suggested.marker', {
        searches: s.searches,
        checkins: s.checkins,
        nearest:
          s.nearestStationM === null ? t('stationsPublic.suggested.nearestNone') : formatDistance(s.nearestStationM),
      });
      const [lng, lat] = fromWgs([s.lng, s.lat], datum);
      L.marker([lat, lng], {
        title: label,
        alt: label,
        keyboard: false,
        zIndexOffset: -1000,
        icon: L.divIcon({
          className: 'uc-suggest-wrap',
          html: '<span class="uc-suggest-pin" data-testid="suggested-site" aria-hidden="true">+</span>',
          iconSize: [26, 26],
          iconAnchor: [13, 13],
        }),
      }).addTo(group);
    }
  }, [map, shown, staff, sites.data, datum, t, formatDistance]);

  if (!staff) return null;
  const count = sites.data?.items.length ?? 0;
  return (
    <div className="uc-map-extras" data-testid="suggested-sites">
      <button type="button" className="uc-chip" aria-pressed={shown} onClick={() => setShown((v) => !v)}>
        {shown && (
          <span className="uc-chip-tick" aria-hidden="true">
            ✓
          </span>
        )}
        {t('stationsPublic.suggested.toggle')}
      </button>
      {shown && (
        <p className="uc-suggest-note" role="status">
          {sites.isError
            ? t('stationsPublic.suggested.failed', {
                message: sites.error instanceof ApiError ? sites.error.message : t('common.network'),
              })
            : sites.isPending
              ? t('stationsPublic.suggested.loading')
              : count
                ? `${t('stationsPublic.suggested.count', { count })} · ${t('stationsPublic.suggested.staffOnly', { distance: formatDistance(MIN_DISTANCE_M) })}`
                : t('stationsPublic.suggested.none')}
        </p>
      )}
    </div>
  );
}
