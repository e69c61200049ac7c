import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { type Claim, type ClaimChecks, useClaim, useClaimChecks, useCoverage } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { formatYuan } from '../../../lib/money';
import './aid-console.css';
import { DocumentViewer } from './DocumentViewer';
import { ReviewActions } from './ReviewActions';
import { ClaimStatusTag, PayoutStatusTag } from './tags';

/** The automatic checks as of today: every check with a tick or a cross, the failing ones with their reasons. */
function ChecksCard({ checks, loading }: { checks: ClaimChecks | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const failed = checks?.checks.filter((c) => !c.passed).length ?? 0;
  return (
    <Card
      size="small"
      title={t('aid.review.checks')}
      data-testid="claim-checks"
      extra={
        checks && (
          <Tag color={failed ? 'error' : 'success'} icon={failed ? <CloseCircleFilled /> : <CheckCircleFilled />}>
            {failed ? t('aid.review.checksFailed', { count: failed }) : t('aid.review.checksPassed')}
          </Tag>
        )
      }
    >
      {loading || !checks ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <>
          <ul className="uc-checks">
            {checks.checks.map((c) => (
              <li
                key={c.code}
                className={c.passed ? 'uc-check-ok' : 'uc-check-bad'}
                data-code={c.code}
                data-passed={c.passed}
              >
                {c.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
                <span>{t(`aid.check.${c.code}`, { defaultValue: c.code })}</span>
              </li>
            ))}
          </ul>
          {checks.reasons.length > 0 && (
            <Alert
              className="uc-check-reasons"
              type="error"
              showIcon
              title={
                <ul className="uc-plain-list">
                  {checks.reasons.map((r) => (
                    <li key={r.code + r.message} data-code={r.code}>
                      <strong>{t(`aid.checkFailed.${r.code}`, { defaultValue: t('aid.review.checkFailed') })}</strong>
                      {t('common.labelSeparator')}
                      {r.message}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {checks.estimate?.amountFen != null && (
            <Typography.Paragraph className="uc-gap" type="secondary">
              {checks.days !== null && checks.lossFen === null
                ? t('aid.review.estimateDays', { days: checks.days, amount: formatYuan(checks.estimate.amountFen) })
                : t('aid.review.estimate', {
                    loss: formatYuan(checks.lossFen),
                    amount: formatYuan(checks.estimate.amountFen),
                  })}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary">{t('aid.review.checksAsOf', { date: checks.checkedOn })}</Typography.Text>
        </>
      )}
    </Card>
  );
}

function FactsCard({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const coverage = useCoverage(c.coverage.code, c.incident.date);
  const questions = coverage.data?.rule?.questions ?? [];
  const answer = (code: string, value: string) => {
    const q = questions.find((x) => x.code === code);
    return {
      question: q?.label[lang] ?? code,
      answer: q?.options.find((o) => o.value === value)?.label[lang] ?? value,
    };
  };
  return (
    <Card size="small" title={t('aid.review.facts')}>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'member', label: t('aid.review.member'), children: c.member.name },
          { key: 'union', label: t('aid.review.union'), children: c.member.unionName },
          { key: 'scheme', label: t('aid.review.scheme'), children: c.scheme.name },
          { key: 'coverage', label: t('aid.review.coverage'), children: c.coverage.name },
          { key: 'date', label: t('aid.review.incidentDate'), children: formatDate(c.incident.date) },
          { key: 'address', label: t('aid.review.incidentAddress'), children: c.incident.address },
          {
            key: 'ref',
            label: t('aid.review.incidentRef'),
            children: (
              <>
                <span className="uc-mono">{c.incident.ref}</span>
                {c.incident.relatedClaims > 0 && (
                  <div>
                    <Tag color="blue" icon={<LinkOutlined />} className="uc-gap-tag">
                      {t('aid.review.related', { count: c.incident.relatedClaims })}
                    </Tag>
                  </div>
                )}
              </>
            ),
          },
          ...(Object.keys(c.answers).length
            ? [
                {
                  key: 'answers',
                  label: t('aid.review.answers'),
                  children: (
                    <ul className="uc-plain-list">
                      {Object.entries(c.answers).map(([code, value]) => {
                        const a = answer(code, value);
                        return (
                          <li key={code}>
                            <Typography.Text type="secondary">{a.question}</Typography.Text> {a.answer}
                          </li>
                        );
                      })}
                    </ul>
                  ),
                },
              ]
            : []),
          ...(c.description ? [{ key: 'desc', label: t('aid.review.description'), children: c.description }] : []),
          ...(c.claimedDays !== null
            ? [{ key: 'days', label: t('aid.review.claimedDays'), children: c.claimedDays }]
            : [{ key: 'loss', label: t('aid.review.claimedLoss'), children: formatYuan(c.claimedLossFen) }]),
          ...(c.assessedLossFen !== null
            ? [{ key: 'assessed', label: t('aid.review.assessedLoss'), children: formatYuan(c.assessedLossFen) }]
            : []),
          ...(c.approvedAmountFen !== null
            ? [
                {
                  key: 'approved',
                  label: t('aid.review.approvedAmount'),
                  children: <strong data-testid="approved-amount">{formatYuan(c.approvedAmountFen)}</strong>,
                },
              ]
            : []),
          {
            key: 'consent',
            label: t('aid.review.consent'),
            children: c.consent
              ? t('aid.review.consentGiven', { at: formatDateTime(c.consent.at), version: c.consent.version })
              : t('aid.review.consentNone'),
          },
          { key: 'submitted', label: t('aid.review.submittedAt'), children: formatDateTime(c.submittedAt) },
          { key: 'deadline', label: t('aid.review.deadline'), children: formatDate(c.deadline) },
          ...(c.decisionReason
            ? [{ key: 'reason', label: t('aid.review.decisionReason'), children: c.decisionReason }]
            : []),
          ...(c.payout
            ? [
                {
                  key: 'payout',
                  label: t('aid.review.payout'),
                  children: (
                    <>
                      <PayoutStatusTag status={c.payout.status as 'pending' | 'paid' | 'failed'} />{' '}
                      {formatYuan(c.payout.amountFen)} {c.payout.paidOn ?? ''} {c.payout.failureReason ?? ''}
                    </>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** A claim for the reviewer: the data and the automatic checks on the left, the documents on the right. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const claim = useClaim(id, 'staff');
  const checks = useClaimChecks(id);
  const from = (location.state as { from?: string } | null)?.from ?? '/console/aid/claims';

  if (claim.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (claim.isError)
    return (
      <Result
        status={claim.error instanceof ApiError && claim.error.status === 404 ? '404' : 'error'}
        title={claim.error.message}
        extra={<Button onClick={() => navigate(from)}>{t('aid.review.back')}</Button>}
      />
    );
  const c = claim.data;
  const second = c.secondReview;

  return (
    <section aria-labelledby="review-title" data-testid="review-page" data-status={c.status}>
      <div className="uc-review-head">
        <div className="uc-review-title">
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(from)} aria-label={t('aid.review.back')} />
          <h1 id="review-title" className="uc-page-title">
            {t('aid.review.title', { no: c.claimNo })}
          </h1>
          <ClaimStatusTag status={c.status} />
          {second?.required && (
            <Tag color="purple">
              {t('aid.review.secondReview')}
              {second.reason
                ? ` · ${t(`aid.review.secondReason.${second.reason}`, { defaultValue: second.reason })}`
                : ''}
            </Tag>
          )}
        </div>
        <ReviewActions claim={c} />
      </div>
      {second?.firstApprovedAt && c.status === 'workplace_checked' && (
        <Alert
          className="uc-gap-bottom"
          type="info"
          showIcon
          title={t('aid.review.firstApproved', { at: formatDateTime(second.firstApprovedAt) })}
        />
      )}
      <div className="uc-review-grid">
        <div className="uc-review-col">
          <ChecksCard checks={checks.data} loading={checks.isPending} />
          <FactsCard claim={c} />
          <Card size="small" title={t('aid.review.history')}>
            <Timeline
              items={[...c.events].reverse().map((e, i) => ({
                key: `${e.at}-${i}`,
                color: e.action === 'reject' ? 'red' : e.action === 'return' ? 'orange' : 'green',
                content: (
                  <div>
                    <strong>{t(`aid.event.${e.action}`, { defaultValue: e.action })}</strong>{' '}
                    <Typography.Text type="secondary" className="uc-mono">
                      {formatDateTime(e.at)}
                    </Typography.Text>
                    {e.actorRole && (
                      <div>
                        <Typography.Text type="secondary">
                          {t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}
                        </Typography.Text>
                      </div>
                    )}
                    {e.reason && <div>{e.reason}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </div>
        <div className="uc-review-col">
          <DocumentViewer claim={c} />
        </div>
      </div>
    </section>
  );
}
