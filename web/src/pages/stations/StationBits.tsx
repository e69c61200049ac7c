import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Svg as BaseSvg, CheckIcon, CrossIcon, type IconProps } from '../../components/Icons';

/** Small pieces shared by the map and the station page (light: no antd, inline SVG only). */

/** The map's glyphs are drawn a little lighter than the member pages'. */
const Svg = (p: IconProps) => <BaseSvg strokeWidth={2} {...p} />;

export const QuestionIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M9.5 9.2a2.6 2.6 0 0 1 5 .8c0 1.8-2.5 2.2-2.5 3.8M12 17.2v.1" />
  </Svg>
);

export const LocateIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v3M12 19v3M2 12h3M19 12h3" />
  </Svg>
);

export const PinIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z" />
    <circle cx="12" cy="9.5" r="2.5" />
  </Svg>
);

export const NavigateIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="m3 11 18-8-8 18-2-8z" />
  </Svg>
);

export const StarIcon = ({ filled, ...p }: IconProps & { filled?: boolean }) => (
  <Svg {...p} fill={filled ? 'currentColor' : 'none'}>
    <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z" />
  </Svg>
);

export const BackIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M15 5l-7 7 7 7" />
  </Svg>
);

const AMENITY_PATHS: Record<string, ReactNode> = {
  drinking_water: <path d="M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11z" />,
  hot_water: (
    <>
      <path d="M5 10h11v6a4 4 0 0 1-4 4H9a4 4 0 0 1-4-4zM16 12h2a2 2 0 0 1 0 4h-2" />
      <path d="M8 3c0 2 2 2 2 4M12 3c0 2 2 2 2 4" />
    </>
  ),
  microwave: (
    <>
      <rect x="2.5" y="5" width="19" height="14" rx="2" />
      <rect x="5.5" y="8" width="9" height="8" rx="1" />
      <path d="M18 9v.1M18 12v.1M18 15v.1" />
    </>
  ),
  phone_charging: (
    <>
      <rect x="6" y="2.5" width="12" height="19" rx="2" />
      <path d="m12.5 7-2.5 5h4l-2.5 5" />
    </>
  ),
  ebike_charging: (
    <>
      <circle cx="5.5" cy="16" r="3.5" />
      <circle cx="18.5" cy="16" r="3.5" />
      <path d="M5.5 16 9 9h6l3.5 7M9 9 8 6H6M15 9l-3 7" />
    </>
  ),
  toilet: (
    <text x="12" y="16.5" textAnchor="middle" fontSize="11" fontWeight="700" fill="currentColor" stroke="none">
      WC
    </text>
  ),
  air_conditioning: <path d="M12 2v20M3.3 7l17.4 10M3.3 17 20.7 7M9.5 4 12 6l2.5-2M9.5 20l2.5-2 2.5 2" />,
  heating: <path d="M7 20c-2-3 2-5 0-8s1-5 1-8M12 20c-2-3 2-5 0-8s1-5 1-8M17 20c-2-3 2-5 0-8s1-5 1-8" />,
  first_aid_kit: (
    <>
      <rect x="3" y="6" width="18" height="14" rx="2" />
      <path d="M9 6V4h6v2M12 10v6M9 13h6" />
    </>
  ),
  wifi: <path d="M2 8.5a15 15 0 0 1 20 0M5 12a10.5 10.5 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0M12 19v.1" />,
};

export function AmenityIcon({ code, ...p }: IconProps & { code: string }) {
  return <Svg {...p}>{AMENITY_PATHS[code] ?? <CheckPath />}</Svg>;
}

function CheckPath() {
  return (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="m8 12.5 2.8 2.8 5.2-5.6" />
    </>
  );
}

/** Amenities as icon + text chips, in the server's vocabulary order; `max` folds the rest into "+N". */
export function AmenityList({ codes, max }: { codes: readonly string[]; max?: number }) {
  const { t } = useTranslation();
  const shown = max ? codes.slice(0, max) : codes;
  const rest = codes.length - shown.length;
  return (
    <ul className="uc-amenities">
      {shown.map((code) => (
        <li key={code} className="uc-amenity" data-amenity={code}>
          <AmenityIcon code={code} className="uc-amenity-icon" />
          <span>{t(`stations.amenity.${code}`, { defaultValue: code })}</span>
        </li>
      ))}
      {rest > 0 && <li className="uc-amenity uc-amenity-more">{t('stations.moreAmenities', { count: rest })}</li>}
    </ul>
  );
}

export type OpenState = 'open' | 'closed' | 'unknown';

export function openState(openNow: boolean | null): OpenState {
  return openNow === true ? 'open' : openNow === false ? 'closed' : 'unknown';
}

const OPEN_ICONS = { open: CheckIcon, closed: CrossIcon, unknown: QuestionIcon } as const;
const OPEN_TEXT = { open: 'stations.open', closed: 'stations.closed', unknown: 'stations.unknownHours' } as const;

/** Open / closed / unknown as icon AND words (never colour alone). */
export function OpenBadge({ openNow, large = false }: { openNow: boolean | null; large?: boolean }) {
  const { t } = useTranslation();
  const state = openState(openNow);
  const Icon = OPEN_ICONS[state];
  return (
    <span className={`uc-open uc-open-${state}${large ? ' uc-open-large' : ''}`} data-open={state}>
      <Icon className="uc-open-icon" />
      <span>{t(OPEN_TEXT[state])}</span>
    </span>
  );
}

export function useOpenText() {
  const { t } = useTranslation();
  return (openNow: boolean | null) => t(OPEN_TEXT[openState(openNow)]);
}

/** Distance the way a worker reads it: metres under 1 km, then km with one decimal (whole km past 10 km). */
export function useFormatDistance() {
  const { t } = useTranslation();
  return (m: number) => {
    if (m < 1000) return t('stations.meters', { value: Math.max(1, Math.round(m)) });
    const km = m / 1000;
    return t('stations.kilometers', { value: km < 10 ? km.toFixed(1) : String(Math.round(km)) });
  };
}
