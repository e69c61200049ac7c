import { DownloadOutlined, EditOutlined, LinkOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tabs,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { can, useMe } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { useUnions } from '../../../api/console';
import {
  exportUrl,
  type Results,
  type ResultsFilter,
  SURVEY_PERMISSIONS,
  useCloseSurvey,
  useResults,
  useSurvey,
} from '../../../api/surveys';
import { formatDateTime } from '../../../lib/dates';
import { downloadFromApi } from '../../../lib/download';
import { buildUnionTree, type UnionNode } from '../../../lib/unionTree';
import { CrosstabTab } from './CrosstabTab';
import { LinksModal } from './LinksModal';
import { QuestionResultCard } from './QuestionResultCard';
import { percent, StatusTag } from './SurveyBits';
import { barOption, SurveyChart } from './SurveyChart';
import { TextTab } from './TextTab';
import './surveys-console.css';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function ByUnion({ results }: { results: Results }) {
  const { t } = useTranslation();
  const rows = results.byUnion;
  // counts are withheld per union under an answer filter of an anonymous survey (the cross-tab shows them by rule)
  const withheld = rows.some((r) => r.responses === null);
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.name),
        rows.map((r) => r.responses ?? 0),
        t('surveys.results.responses'),
      ),
    [rows, t],
  );
  if (rows.length === 0) return <Empty description={t('surveys.results.none')} />;
  const count = (n: number | null) => n ?? '—';
  return (
    <Space direction="vertical" className="uc-svr-full">
      {withheld ? (
        <Alert type="info" showIcon title={t('surveys.results.byUnionByAnswer')} />
      ) : (
        <SurveyChart
          option={option}
          label={t('surveys.results.byUnion')}
          testId="chart-by-union"
          height={Math.max(160, 34 * rows.length + 30)}
        />
      )}
      <Table
        size="small"
        rowKey="unionId"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('surveys.results.union'), dataIndex: 'name' },
          { title: t('surveys.results.responses'), align: 'right', render: (_, r) => count(r.responses) },
          { title: t('surveys.results.memberResponses'), align: 'right', render: (_, r) => count(r.memberResponses) },
          { title: t('surveys.results.audience'), dataIndex: 'audience', align: 'right' },
          {
            title: t('surveys.results.rate'),
            align: 'right',
            render: (_, r) =>
              r.audience && r.memberResponses !== null ? percent(Math.min(1, r.memberResponses / r.audience)) : '—',
          },
        ]}
      />
    </Space>
  );
}

/** 问卷结果: live counts and response rate, per-question charts, by union, cross-tabs, free text, exports. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useMe();
  const manage = can(me.data, SURVEY_PERMISSIONS.manage);
  const survey = useSurvey(id);
  const unions = useUnions();
  const close = useCloseSurvey();
  const [filter, setFilter] = useState<ResultsFilter>({});
  const [answerQ, setAnswerQ] = useState<string | undefined>();
  const [tab, setTab] = useState('questions');
  const [textQ, setTextQ] = useState<string | undefined>();
  const [links, setLinks] = useState(false);
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);
  const results = useResults(id, filter);

  useEffect(() => {
    document.title = `${t('surveys.results.title')} · ${t('app.name')}`;
  }, [t]);

  const tree = useMemo(() => {
    const toOption = (node: UnionNode): TreeOption => ({
      value: node.union.id,
      title: node.union.name,
      children: node.children.map(toOption),
    });
    return buildUnionTree(unions.data ?? []).map(toOption);
  }, [unions.data]);

  if (survey.isPending) return <Skeleton active />;
  if (survey.isError) return <Alert type="error" showIcon title={survey.error.message} />;
  const s = survey.data;
  const def = s.definition;
  const questions = def.sections.flatMap((sec) => sec.questions);
  const choiceQuestions = questions.filter((q) => q.type === 'single' || q.type === 'multiple');
  const data = results.data;
  const resultQuestions = data?.questions ?? [];
  const textQuestions = resultQuestions.filter((q) => q.type === 'text' || q.type === 'longtext');
  const filterQ = choiceQuestions.find((q) => q.id === answerQ);
  const answerValue = answerQ ? filter.answers?.[answerQ] : undefined;

  const doExport = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      const name = await downloadFromApi(exportUrl(id, format), `survey.${format}`);
      void message.success(t('surveys.results.exported', { name }));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.message : t('common.network'));
    } finally {
      setExporting(null);
    }
  };

  const onClose = () =>
    modal.confirm({
      title: t('surveys.console.closeConfirm', { title: def.title }),
      content: t('surveys.console.closeHint'),
      okButtonProps: { danger: true },
      okText: t('surveys.console.close'),
      onOk: () => close.mutateAsync(id).then(() => void results.refetch()),
    });

  const pub = s.publication;

  return (
    <section className="uc-svr" aria-labelledby="svr-title">
      <div className="uc-svb-head">
        <Space wrap align="center">
          <Link to="/console/surveys">{t('surveys.console.backToList')}</Link>
          <h1 id="svr-title" className="uc-page-title">
            {def.title}
          </h1>
          <StatusTag status={s.status} />
        </Space>
        <Space wrap>
          {manage && s.status !== 'closed' && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/console/surveys/${id}/edit`)}>
              {t('surveys.console.edit')}
            </Button>
          )}
          {manage && (s.status === 'open' || s.status === 'scheduled') && (
            <Button icon={<LinkOutlined />} onClick={() => setLinks(true)} data-testid="open-links">
              {t('surveys.links.title')}
            </Button>
          )}
          {manage && (s.status === 'open' || s.status === 'scheduled') && (
            <Button danger icon={<StopOutlined />} onClick={onClose}>
              {t('surveys.console.close')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} loading={exporting === 'xlsx'} onClick={() => void doExport('xlsx')}>
            {t('surveys.results.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} onClick={() => void doExport('csv')}>
            {t('surveys.results.exportCsv')}
          </Button>
        </Space>
      </div>
      {pub && (
        <Typography.Paragraph type="secondary">
          {t('surveys.results.window', {
            audience: pub.audienceUnionName,
            from: formatDateTime(pub.opensAt),
            to: formatDateTime(pub.closesAt),
          })}
          {pub.anonymous ? ` · ${t('surveys.console.anonymous')}` : ''}
          {pub.quota ? ` · ${t('surveys.results.quota', { quota: pub.quota })}` : ''}
        </Typography.Paragraph>
      )}

      <div className="uc-svr-headline" aria-live="polite">
        <Card size="small">
          <Statistic
            title={t('surveys.results.responses')}
            value={data ? (data.responses ?? '<5') : '—'}
            valueRender={(v) => <span data-testid="responses-count">{v}</span>}
          />
          {data?.linkResponses != null && data.linkResponses > 0 && (
            <Typography.Text type="secondary" className="uc-svl-sub" data-testid="link-responses">
              {t('surveys.results.membersAndLinks', { members: data.memberResponses, links: data.linkResponses })}
            </Typography.Text>
          )}
        </Card>
        <Card size="small">
          <Statistic title={t('surveys.results.audience')} value={data?.audienceSize ?? '—'} />
        </Card>
        <Card size="small">
          <Statistic title={t('surveys.results.rate')} value={percent(data?.responseRate)} />
          <Typography.Text type="secondary" className="uc-svl-sub">
            {t('surveys.results.rateBasis')}
          </Typography.Text>
        </Card>
        <Card size="small">
          <Statistic
            title={t('surveys.results.updated')}
            value={
              results.dataUpdatedAt ? formatDateTime(new Date(results.dataUpdatedAt).toISOString()).slice(11) : '—'
            }
          />
          <Typography.Text type="secondary" className="uc-svl-sub">
            {t('surveys.results.autoRefresh')}
          </Typography.Text>
        </Card>
      </div>

      <Card size="small" className="uc-svr-filters">
        <Space wrap>
          <label htmlFor="svr-union">{t('surveys.results.filterUnion')}</label>
          <TreeSelect
            id="svr-union"
            className="uc-svr-select-wide"
            allowClear
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            treeData={tree}
            placeholder={t('surveys.results.allUnions')}
            value={filter.unionId}
            onChange={(unionId?: string) => setFilter((f) => ({ ...f, unionId }))}
          />
          <label htmlFor="svr-answer-q">{t('surveys.results.filterAnswer')}</label>
          <Select
            id="svr-answer-q"
            className="uc-svr-select-wide"
            allowClear
            placeholder={t('surveys.results.chooseQuestion')}
            value={answerQ}
            onChange={(q?: string) => {
              setAnswerQ(q);
              setFilter((f) => ({ ...f, answers: undefined }));
            }}
            options={choiceQuestions.map((q) => ({ value: q.id, label: q.title }))}
          />
          {filterQ && (
            <Select
              aria-label={t('surveys.results.chooseOption')}
              className="uc-svr-select"
              allowClear
              placeholder={t('surveys.results.chooseOption')}
              value={answerValue}
              onChange={(o?: string) => setFilter((f) => ({ ...f, answers: o ? { [filterQ.id]: o } : undefined }))}
              options={(filterQ.options ?? []).map((o) => ({ value: o.id, label: o.label }))}
            />
          )}
        </Space>
      </Card>

      {results.isError && <Alert type="error" showIcon title={results.error.message} />}
      {data?.suppressed && <Alert type="warning" showIcon title={t('surveys.results.suppressedAll')} />}

      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'questions',
            label: t('surveys.results.tabQuestions'),
            children: !data ? (
              <Skeleton active />
            ) : (
              <div className="uc-svr-grid">
                {resultQuestions.map((q, i) => (
                  <QuestionResultCard
                    key={q.id}
                    q={q}
                    number={i + 1}
                    onText={(qid) => {
                      setTextQ(qid);
                      setTab('text');
                    }}
                  />
                ))}
              </div>
            ),
          },
          {
            key: 'unions',
            label: t('surveys.results.tabUnions'),
            children: data ? <ByUnion results={data} /> : <Skeleton active />,
          },
          {
            key: 'crosstab',
            label: t('surveys.results.tabCrosstab'),
            children: (
              <CrosstabTab
                surveyId={id}
                questions={resultQuestions.filter((q) => q.type === 'single' || q.type === 'multiple')}
                filter={filter}
              />
            ),
          },
          {
            key: 'text',
            label: t('surveys.results.tabText'),
            children: (
              <TextTab
                surveyId={id}
                questions={textQuestions}
                filter={filter}
                questionId={textQ ?? textQuestions[0]?.id}
                onQuestion={setTextQ}
              />
            ),
          },
        ]}
      />
      {links && <LinksModal survey={s} open={links} onClose={() => setLinks(false)} />}
    </section>
  );
}
