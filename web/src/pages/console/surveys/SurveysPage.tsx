import { BarChartOutlined, EditOutlined, PlusOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Segmented, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can, useMe } from '../../../api/auth';
import {
  SURVEY_PERMISSIONS,
  type SurveyStatus,
  type SurveySummary,
  useCloseSurvey,
  useImportDefinition,
  useSurveys,
} from '../../../api/surveys';
import { formatDateTime } from '../../../lib/dates';
import { parseDefinitionJson } from './builder-model';
import { percent, StatusTag } from './SurveyBits';
import './surveys-console.css';

const FILTERS = ['all', 'draft', 'scheduled', 'open', 'closed'] as const;

/** 问卷调查: the surveys of the staff member's subtree with their window, responses and response rate. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const me = useMe();
  const manage = can(me.data, SURVEY_PERMISSIONS.manage);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const list = useSurveys(filter === 'all' ? undefined : (filter as SurveyStatus));
  const close = useCloseSurvey();
  const importDef = useImportDefinition();

  useEffect(() => {
    document.title = `${t('surveys.console.title')} · ${t('app.name')}`;
  }, [t]);

  const onImport = async (file: File) => {
    const def = parseDefinitionJson(await file.text());
    if (!def) {
      void message.error(t('surveys.builder.importBad'));
      return false;
    }
    importDef.mutate(def, {
      onSuccess: ({ id }) => navigate(`/console/surveys/${id}/edit`),
      onError: (err) => void message.error(err.message),
    });
    return false;
  };

  const onClose = (s: SurveySummary) =>
    modal.confirm({
      title: t('surveys.console.closeConfirm', { title: s.title }),
      content: t('surveys.console.closeHint'),
      okButtonProps: { danger: true },
      okText: t('surveys.console.close'),
      onOk: () =>
        close.mutateAsync(s.id).then(
          () => void message.success(t('surveys.console.closed')),
          (err: Error) => void message.error(err.message),
        ),
    });

  return (
    <section aria-labelledby="sv-list-title" className="uc-svl">
      <div className="uc-svb-head">
        <h1 id="sv-list-title" className="uc-page-title">
          {t('surveys.console.title')}
        </h1>
        {manage && (
          <Space wrap>
            <Upload accept="application/json,.json" showUploadList={false} beforeUpload={(f) => onImport(f)}>
              <Button icon={<UploadOutlined />} loading={importDef.isPending}>
                {t('surveys.builder.import')}
              </Button>
            </Upload>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/console/surveys/new')}
              data-testid="survey-new"
            >
              {t('surveys.console.new')}
            </Button>
          </Space>
        )}
      </div>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as (typeof FILTERS)[number])}
        options={FILTERS.map((f) => ({
          value: f,
          label: f === 'all' ? t('surveys.console.all') : t(`surveys.status.${f}`),
        }))}
        className="uc-svb-gap"
      />
      <Table<SurveySummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        locale={{ emptyText: list.isError ? list.error.message : t('surveys.console.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('surveys.console.colTitle'),
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Link to={s.status === 'draft' ? `/console/surveys/${s.id}/edit` : `/console/surveys/${s.id}/results`}>
                  {s.title}
                </Link>
                <Typography.Text type="secondary" className="uc-svl-sub">
                  {s.ownerUnionName} · v{s.version}
                  {s.anonymous ? ` · ${t('surveys.console.anonymous')}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('surveys.console.colStatus'),
            dataIndex: 'status',
            render: (v: SurveyStatus) => <StatusTag status={v} />,
          },
          {
            title: t('surveys.console.colAudience'),
            dataIndex: 'audienceUnionName',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('surveys.console.colWindow'),
            render: (_, s) =>
              s.opensAt ? (
                <span className="uc-svl-window">
                  {formatDateTime(s.opensAt)}
                  <br />– {formatDateTime(s.closesAt)}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('surveys.console.colResponses'),
            align: 'right',
            render: (_, s) =>
              s.audienceSize ? (
                <span>
                  {s.memberResponses} / {s.audienceSize}
                  {s.responses > s.memberResponses && (
                    <>
                      <br />
                      <Typography.Text type="secondary">
                        {t('surveys.console.viaLinks', { count: s.responses - s.memberResponses })}
                      </Typography.Text>
                    </>
                  )}
                </span>
              ) : (
                String(s.responses)
              ),
          },
          {
            title: t('surveys.console.colRate'),
            align: 'right',
            render: (_, s) => percent(s.responseRate),
          },
          {
            title: t('surveys.console.colActions'),
            render: (_, s) => (
              <Space size={4} wrap>
                {manage && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => navigate(`/console/surveys/${s.id}/edit`)}
                  >
                    {t('surveys.console.edit')}
                  </Button>
                )}
                {s.status !== 'draft' && (
                  <Button
                    size="small"
                    icon={<BarChartOutlined />}
                    onClick={() => navigate(`/console/surveys/${s.id}/results`)}
                  >
                    {t('surveys.console.results')}
                  </Button>
                )}
                {manage && (s.status === 'open' || s.status === 'scheduled') && (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => onClose(s)}>
                    {t('surveys.console.close')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </section>
  );
}
