import { CheckOutlined, FileDoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answer, LinkedCoverage } from '../../../api/hotline';
import { formatDateTime } from '../../../lib/dates';

/**
 * What the operator reads out for one coverage, live from the scheme data: benefit, window, documents (conditional
 * ones with their condition), filing steps, exclusions.
 */
export function CoverageGuide({ coverage, onPrecheck }: { coverage: LinkedCoverage; onPrecheck?: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="uc-guide" data-testid="coverage-guide" data-coverage={coverage.code}>
      <header className="uc-guide-head">
        <Typography.Title level={5} className="uc-guide-title">
          <SafetyCertificateOutlined aria-hidden="true" /> {coverage.name}
          <Typography.Text type="secondary" className="uc-guide-scheme">
            {coverage.scheme.name}
          </Typography.Text>
        </Typography.Title>
        {onPrecheck && (
          <Button size="small" onClick={onPrecheck} data-testid="guide-precheck">
            {t('hotline.answer.precheckThis')}
          </Button>
        )}
      </header>
      {coverage.ruleEffectiveFrom === null ? (
        <Alert type="warning" showIcon title={t('hotline.answer.notInForce')} />
      ) : (
        <dl className="uc-guide-facts">
          {coverage.benefit && (
            <div>
              <dt>{t('hotline.answer.benefit')}</dt>
              <dd>{coverage.benefit}</dd>
            </div>
          )}
          {coverage.filingWindow && (
            <div>
              <dt>{t('hotline.answer.window')}</dt>
              <dd>{coverage.filingWindow}</dd>
            </div>
          )}
        </dl>
      )}
      <Typography.Text strong>
        <FileDoneOutlined aria-hidden="true" /> {t('hotline.answer.documents')}
      </Typography.Text>
      <ol className="uc-guide-docs" data-testid="required-documents">
        {coverage.documents.map((d) => (
          <li key={d.code} data-code={d.code}>
            <span>{d.label}</span>
            {d.condition && (
              <Tag className="uc-guide-cond">{t('hotline.answer.onlyIf', { condition: d.condition })}</Tag>
            )}
            {d.hint && <small className="uc-guide-hint">{d.hint}</small>}
          </li>
        ))}
      </ol>
      {coverage.filingSteps.length > 0 && (
        <>
          <Typography.Text strong>{t('hotline.answer.steps')}</Typography.Text>
          <ol className="uc-guide-steps" data-testid="filing-steps">
            {coverage.filingSteps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
        </>
      )}
      {coverage.exclusions.length > 0 && (
        <details className="uc-guide-excl">
          <summary>{t('hotline.answer.exclusions', { count: coverage.exclusions.length })}</summary>
          <ul>
            {coverage.exclusions.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

interface Props {
  answer: Answer | undefined;
  loading: boolean;
  given: boolean;
  giving: boolean;
  onGive?: () => void;
  onPrecheck?: (coverageCode: string) => void;
}

/** A knowledge-base answer: the staff's text, then the guide of each linked coverage, and "given to caller". */
export function AnswerView({ answer, loading, given, giving, onGive, onPrecheck }: Props) {
  const { t } = useTranslation();
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (!answer) return <Empty description={t('hotline.answer.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <article className="uc-answer" data-testid="answer-view" aria-labelledby="answer-title">
      <header className="uc-answer-head">
        <Typography.Title level={4} id="answer-title" className="uc-answer-title">
          {answer.title}
        </Typography.Title>
        {onGive && (
          <Button
            type={given ? 'default' : 'primary'}
            icon={given ? <CheckOutlined /> : undefined}
            onClick={onGive}
            loading={giving}
            disabled={given}
            data-testid="give-answer"
          >
            {given ? t('hotline.answer.given') : t('hotline.answer.give')}
          </Button>
        )}
      </header>
      <Space size={4} wrap>
        {answer.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Space>
      <Typography.Paragraph className="uc-answer-body">{answer.body}</Typography.Paragraph>
      {answer.coverages.map((c) => (
        <CoverageGuide key={c.id} coverage={c} onPrecheck={onPrecheck ? () => onPrecheck(c.code) : undefined} />
      ))}
      <Typography.Text type="secondary" className="uc-answer-meta">
        {t('hotline.answer.updated', { at: formatDateTime(answer.updatedAt), by: answer.updatedBy ?? '—' })}
      </Typography.Text>
    </article>
  );
}
