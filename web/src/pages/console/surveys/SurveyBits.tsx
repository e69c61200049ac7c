import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SurveyStatus } from '../../../api/surveys';

const COLOR: Record<SurveyStatus, string> = { draft: 'default', scheduled: 'blue', open: 'green', closed: 'red' };

/** A survey's status in words (the colour only repeats them). */
export function StatusTag({ status }: { status: SurveyStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOR[status]} data-testid="survey-status" data-status={status}>
      {t(`surveys.status.${status}`)}
    </Tag>
  );
}

/** A share (0..1) as a percentage with one decimal, or — when there is none. */
export function percent(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${(share * 100).toFixed(1)}%`;
}
