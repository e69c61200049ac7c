import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimStatus } from '../../../api/aid';
import { CheckIcon, CrossIcon, type IconProps, PauseIcon, Svg } from '../../../components/Icons';

/** Small pieces shared by the member's mutual-aid pages (no antd: the member chunk stays light). */

export const ClockIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 7v5l3 2" />
  </Svg>
);

export const ReturnIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M12 7v6M12 16.5v.5" />
  </Svg>
);

export const QuestionIcon = (p: IconProps) => (
  <Svg {...p}>
    <circle cx="12" cy="12" r="10" />
    <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6M12 17v.5" />
  </Svg>
);

export const CameraIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M4 8h3l2-3h6l2 3h3a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" />
    <circle cx="12" cy="13.5" r="3.5" />
  </Svg>
);

export const FileIcon = (p: IconProps) => (
  <Svg {...p}>
    <path d="M6 3h8l5 5v13H6z" />
    <path d="M14 3v5h5" />
  </Svg>
);

const STATUS_ICON: Record<ClaimStatus, (p: IconProps) => ReactNode> = {
  draft: PauseIcon,
  submitted: ClockIcon,
  workplace_checked: ClockIcon,
  approved: CheckIcon,
  paid: CheckIcon,
  returned: ReturnIcon,
  rejected: CrossIcon,
};

/** A claim's status in words with an icon; the colour only repeats what the words say. */
export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  const Icon = STATUS_ICON[status] ?? ClockIcon;
  return (
    <span className={`uc-cstatus uc-cstatus-${status}`} data-status={status} data-testid="claim-status">
      <Icon />
      <span>{t(`aid.status.${status}`, { defaultValue: status })}</span>
    </span>
  );
}

const STEP_KEYS = ['consent', 'details', 'documents', 'submit'] as const;

/** Where the member is in the four steps of an application. */
export function ApplySteps({ current }: { current: 1 | 2 | 3 | 4 }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('aid.apply.stepOf', { step: current })}>
      <ol className="uc-steps">
        {STEP_KEYS.map((key, i) => (
          <li
            key={key}
            data-state={i + 1 < current ? 'done' : i + 1 === current ? 'current' : 'todo'}
            aria-current={i + 1 === current ? 'step' : undefined}
          >
            {t(`aid.apply.steps.${key}`)}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The precheck a member ran, kept for the application that follows it (survives a reload of the tab). */
export interface PrecheckState {
  coverageCode: string;
  coverageName: string;
  incidentDate: string;
  answers: Record<string, string>;
  lossFen?: number;
  days?: number;
}

const PRECHECK_KEY = 'unioncare.aid.precheck';

export function savePrecheck(state: PrecheckState): void {
  try {
    sessionStorage.setItem(PRECHECK_KEY, JSON.stringify(state));
  } catch {
    // storage unavailable: the application falls back to asking for the pre-check again
  }
}

export function loadPrecheck(): PrecheckState | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(PRECHECK_KEY) ?? 'null') as PrecheckState | null;
    return value && typeof value.coverageCode === 'string' && typeof value.incidentDate === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function clearPrecheck(): void {
  try {
    sessionStorage.removeItem(PRECHECK_KEY);
  } catch {
    // nothing to clear
  }
}

/** Today in Beijing as YYYY-MM-DD (an incident date cannot be later). */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
