import { Alert, Card, Empty, List, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type QuestionResult, type ResultsFilter, useTermAnswers, useTextAnalysis } from '../../../api/surveys';
import { barOption, SurveyChart } from './SurveyChart';

/** Marks every occurrence of the term in an answer, so the reader sees why it was listed. */
function Marked({ text, term }: { text: string; term: string }) {
  if (!term) return <>{text}</>;
  const parts = text.split(term);
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one string, in order, never reordered
        <span key={i}>
          {part}
          {i < parts.length - 1 && <mark className="uc-svr-mark">{term}</mark>}
        </span>
      ))}
    </>
  );
}

/** 文字分析: top terms (Chinese word segmentation on the server) and phrases of a text question; a term → its answers. */
export function TextTab({
  surveyId,
  questions,
  filter,
  questionId,
  onQuestion,
}: {
  surveyId: string;
  questions: QuestionResult[];
  filter: ResultsFilter;
  questionId: string | undefined;
  onQuestion: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [term, setTerm] = useState<string | undefined>();
  const analysis = useTextAnalysis(surveyId, questionId, filter);
  const answers = useTermAnswers(surveyId, questionId, term, filter);
  const suppressed = analysis.data?.suppressed ?? false;
  // below 5 answers the terms are withheld, not missing: say so, as the question cards do
  const empty = t(suppressed ? 'surveys.results.textSuppressed' : 'surveys.results.noText');
  const terms = analysis.data?.terms ?? [];

  const option = useMemo(
    () =>
      barOption(
        terms.slice(0, 20).map((x) => x.term),
        terms.slice(0, 20).map((x) => x.count),
        t('surveys.results.mentions'),
      ),
    [terms, t],
  );

  if (questions.length === 0) return <Empty description={t('surveys.results.noTextQuestions')} />;

  return (
    <Space direction="vertical" size="middle" className="uc-svr-full">
      <Space wrap>
        <label htmlFor="svr-text-q">{t('surveys.results.textQuestion')}</label>
        <Select
          id="svr-text-q"
          className="uc-svr-select-wide"
          value={questionId}
          onChange={(id: string) => {
            setTerm(undefined);
            onQuestion(id);
          }}
          options={questions.map((q) => ({ value: q.id, label: q.title }))}
        />
        {analysis.data && analysis.data.answered !== null && (
          <Typography.Text type="secondary">
            {t('surveys.results.answeredN', { count: analysis.data.answered })}
          </Typography.Text>
        )}
      </Space>
      {analysis.isError && <Alert type="error" showIcon title={analysis.error.message} />}
      <div className="uc-svr-text-grid">
        <Card size="small" title={t('surveys.results.topTerms')}>
          {terms.length === 0 ? (
            <Empty description={empty} />
          ) : (
            <>
              <Typography.Paragraph type="secondary">{t('surveys.results.clickTerm')}</Typography.Paragraph>
              <SurveyChart
                option={option}
                label={t('surveys.results.topTerms')}
                testId="chart-terms"
                height={Math.max(160, 24 * Math.min(20, terms.length) + 30)}
                onPick={setTerm}
              />
              <div className="uc-svr-terms">
                {terms.map((x) => (
                  <Tag.CheckableTag
                    key={x.term}
                    checked={term === x.term}
                    onChange={(on) => setTerm(on ? x.term : undefined)}
                  >
                    {x.term} <span className="uc-svr-term-count">{x.count}</span>
                  </Tag.CheckableTag>
                ))}
              </div>
            </>
          )}
        </Card>
        <Card size="small" title={t('surveys.results.phrases')}>
          {(analysis.data?.phrases ?? []).length === 0 ? (
            <Empty description={empty} />
          ) : (
            <div className="uc-svr-terms">
              {analysis.data?.phrases.map((p) => (
                <Tag.CheckableTag
                  key={p.term}
                  checked={term === p.term}
                  onChange={(on) => setTerm(on ? p.term : undefined)}
                >
                  {p.term} <span className="uc-svr-term-count">{p.count}</span>
                </Tag.CheckableTag>
              ))}
            </div>
          )}
        </Card>
      </div>
      {term && (
        <Card
          size="small"
          title={t('surveys.results.answersWith', { term })}
          extra={<Typography.Link onClick={() => setTerm(undefined)}>{t('surveys.results.clearTerm')}</Typography.Link>}
          data-testid="term-answers"
        >
          <List
            loading={answers.isPending}
            dataSource={answers.data?.items ?? []}
            locale={{
              emptyText: answers.isError
                ? answers.error.message
                : t(answers.data?.suppressed ? 'surveys.results.textSuppressed' : 'surveys.results.noText'),
            }}
            pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
            renderItem={(a) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <span>
                    <Marked text={a.text} term={term} />
                  </span>
                  <Typography.Text type="secondary" className="uc-svr-rid">
                    {a.responseId}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
