import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AMENITY_LABELS, isAmenity } from '../../../src/domains/stations/amenity.ts';
import { formatHours, isOpenAt } from '../../../src/domains/stations/opening-hours.ts';
import { STATION_TYPES, type StationType } from '../../../src/domains/stations/station-code.ts';
import { packRegionOf } from '../../../src/domains/stations/station-pack.ts';
import { NetworkError } from '../api/client';
import { type PublicStation, usePublicStation } from '../api/stations';
import { currentLanguage } from '../i18n';
import { navigationOf } from './nearby';
import { loadPack, type StoredPack } from './pack';

export type StationAnswer =
  | { isPending: true; isError: false; data: undefined; error: null; fromPack: null; refetch: () => unknown }
  | { isPending: false; isError: true; data: undefined; error: unknown; fromPack: null; refetch: () => unknown }
  | {
      isPending: false;
      isError: false;
      data: PublicStation;
      error: null;
      fromPack: StoredPack | null;
      refetch: () => unknown;
    };

/**
 * A station's public page data: from the server, or, when there is no network, from the station pack saved on this
 * phone (name, address, hours and open-now worked out here, amenities, phone): enough to find it, call it and
 * leave feedback, which waits in the outbox.
 */
export function useStationAnywhere(code: string): StationAnswer {
  const station = usePublicStation(code);
  const { i18n } = useTranslation();
  // no answer for want of a network: failed, or held by TanStack Query because the phone said it went offline
  const offline = (station.isError && station.error instanceof NetworkError) || station.fetchStatus === 'paused';
  const [fallback, setFallback] = useState<
    { code: string; data: PublicStation; stored: StoredPack } | null | undefined
  >(undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts are in the UI language: redo them when it changes
  useEffect(() => {
    if (!offline) return;
    let live = true;
    const region = packRegionOf(code);
    void (region ? loadPack(region) : Promise.resolve(null)).then((loaded) => {
      if (!live) return;
      const s = loaded?.index.find(code);
      if (!loaded || !s) return setFallback(null);
      const lang = currentLanguage();
      const hours = loaded.index.hoursOf(s);
      const open = isOpenAt(hours, new Date());
      const typeLetter = s.code.charAt(6) as StationType;
      setFallback({
        code,
        stored: loaded.stored,
        data: {
          code: s.code,
          name: s.name,
          address: s.address,
          regionName: null,
          stationTypeName: (STATION_TYPES[typeLetter] ?? STATION_TYPES.H)[lang],
          hostOrg: null,
          status: 'active',
          lng: s.lng,
          lat: s.lat,
          openNow: open === 'unknown' ? null : open,
          openingHoursText: formatHours(hours, lang),
          amenities: s.amenities.filter(isAmenity).map((a) => ({ code: a, label: AMENITY_LABELS[a][lang] })),
          phone: s.phone,
          photos: [],
          welcome: '',
          lastVerifiedOn: null,
          navigation: navigationOf(s),
        },
      });
    });
    return () => {
      live = false;
    };
  }, [offline, code, i18n.language]);

  const refetch = () => void station.refetch();
  const pending = { isPending: true, isError: false, data: undefined, error: null, fromPack: null, refetch } as const;
  if (station.isSuccess) {
    return { isPending: false, isError: false, data: station.data, error: null, fromPack: null, refetch };
  }
  if (offline && fallback && fallback.code === code) {
    return { isPending: false, isError: false, data: fallback.data, error: null, fromPack: fallback.stored, refetch };
  }
  if ((station.isPending && !offline) || (offline && fallback === undefined)) return pending;
  const error = station.error ?? new NetworkError('no network and no station pack on this phone');
  return { isPending: false, isError: true, data: undefined, error, fromPack: null, refetch };
}
