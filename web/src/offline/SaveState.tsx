import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/dates';
import './i18n';
import './offline.css';

/**
 * Where the member's work is: only on this phone (a draft not yet sent) or on the server. Told in words with the
 * time, never by colour alone.
 */
export function SaveState({ where, at }: { where: 'phone' | 'server'; at: string | null }) {
  const { t } = useTranslation();
  if (!at) return null;
  return (
    <p
      className={`uc-save-state ${where === 'phone' ? 'is-local' : 'is-server'}`}
      role="status"
      data-testid="save-state"
      data-where={where}
    >
      {where === 'phone'
        ? t('offline.savedPhone', { time: formatDateTime(at) })
        : t('offline.savedServer', { time: formatDateTime(at) })}
    </p>
  );
}
