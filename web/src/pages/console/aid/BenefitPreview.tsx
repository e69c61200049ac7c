import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assessed, useBenefitPreview } from '../../../api/aid';
import { formatYuan } from '../../../lib/money';

const SETTLE_MS = 300;

/**
 * "按规则测算的互助金" for the loss or days being typed into the approval: the server's checks for those figures, so
 * it is what approving pays (rule, cap, floor, minimum days and yearly limits included). While the figures are being
 * typed or asked about it says so rather than show the amount for the previous ones. `assessed` null: invalid input.
 */
export function BenefitPreview({ claimId, assessed }: { claimId: string; assessed: Assessed | null }) {
  const { t } = useTranslation();
  const wanted = assessed === null ? null : JSON.stringify(assessed);
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(wanted), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  const preview = useBenefitPreview(claimId, settled === null ? null : (JSON.parse(settled) as Assessed));

  if (wanted === null || preview.isError) return null;
  const estimate = preview.data?.estimate;
  const pending = settled !== wanted || preview.isFetching || !preview.data;
  if (!pending && (estimate?.amountFen === null || estimate?.amountFen === undefined)) return null;
  const amount = estimate?.amountFen ?? null;
  return (
    <Typography.Paragraph type="secondary" data-testid="benefit-preview" data-pending={pending} aria-live="polite">
      <span data-testid="benefit-preview-amount">
        {pending ? t('aid.review.amountPreviewPending') : t('aid.review.amountPreview', { amount: formatYuan(amount) })}
      </span>
      {!pending && estimate?.bound === 'limit' && <span> {t('aid.review.amountPreviewLimited')}</span>}
      {!pending && amount === 0 && (
        <div>
          <Typography.Text type="warning">{t('aid.review.nothingPayable')}</Typography.Text>
        </div>
      )}
    </Typography.Paragraph>
  );
}
