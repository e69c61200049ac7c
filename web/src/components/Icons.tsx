import type { SVGProps } from 'react';

/** A few inline icons for the light member pages (avoids pulling an icon library into their chunk). */
export type IconProps = SVGProps<SVGSVGElement>;

/** The frame every inline icon shares: 24-unit outline glyphs that take the text colour and size. */
export function Svg(props: IconProps) {
  return (
    <svg
      width="1em"
      height="1em"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    />
  );
}

export const CheckIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="m7.5 12.5 3 3 6-6.5" />
  </Svg>
);

export const PauseIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M10 8.5v7M14 8.5v7" />
  </Svg>
);

export const CrossIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="m9 9 6 6M15 9l-6 6" />
  </Svg>
);

export const LogoutIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M15 4h3a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-3" />
    <path d="M10 17l-5-5 5-5M5 12h11" />
  </Svg>
);

export const PhoneIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
  </Svg>
);

export const ShieldIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M12 3 4.5 6v5.5c0 4.6 3.2 8.3 7.5 9.5 4.3-1.2 7.5-4.9 7.5-9.5V6z" />
    <path d="m9 12 2 2 4-4" />
  </Svg>
);

/** The brand mark: a stylised "U" in a rounded square; `inverse` draws it white on a red background. */
export const BrandMark = ({ inverse = false, ...p }: IconProps & { inverse?: boolean }) => (
  <svg viewBox="0 0 64 64" width="1em" height="1em" aria-hidden="true" focusable="false" {...p}>
    <rect width="64" height="64" rx="14" fill={inverse ? '#fff' : '#C8102E'} />
    <path d="M18 16v20a14 14 0 0 0 28 0V16h-8v20a6 6 0 0 1-12 0V16z" fill={inverse ? '#C8102E' : '#fff'} />
  </svg>
);
