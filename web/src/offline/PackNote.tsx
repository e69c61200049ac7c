import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/dates';
import './i18n';
import './offline.css';
import { onPackChange, packInMemory, type StoredPack } from './pack';

/**
 * Under the map's results: where the answer came from. Online, how many stations this phone keeps for offline use
 * and when they were last checked; offline, that the list was worked out on the phone, from data of that date.
 */
export function PackNote({ source, region }: { source: 'server' | 'phone' | null; region: string | null }) {
  const { t } = useTranslation();
  const [, redraw] = useState(0);
  useEffect(() => onPackChange(() => redraw((n) => n + 1)), []);
  const stored = packInMemory(region);
  if (source === 'phone' && stored) {
    return (
      <p className="uc-offline-note is-offline" role="status" data-testid="pack-answer">
        {t('offline.fromPhone', { date: formatDateTime(stored.checkedAt) })}
      </p>
    );
  }
  if (!stored) return null;
  return (
    <p className="uc-offline-note" data-testid="pack-status" data-region={region ?? ''}>
      {t('offline.packSaved', { count: stored.pack.stations.length, date: formatDateTime(stored.checkedAt) })}
    </p>
  );
}

/** On a station page shown from the pack: the data's date, and that feedback will wait on the phone. */
export function StationPackNote({ stored }: { stored: StoredPack }) {
  const { t } = useTranslation();
  return (
    <p className="uc-offline-note is-offline" role="status" data-testid="station-from-pack">
      {t('offline.stationFromPhone', { date: formatDateTime(stored.checkedAt) })}
    </p>
  );
}
