import {
  DeleteOutlined,
  DownloadOutlined,
  EyeOutlined,
  PlusOutlined,
  SaveOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Dropdown, Input, Skeleton, Space, Switch, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import {
  type AnswerSheet,
  QUESTION_TYPES,
  type Question,
  type QuestionType,
  type SurveyDefinition,
  useSaveDefinition,
  useSurvey,
} from '../../../api/surveys';
import { downloadText } from '../../../lib/csv';
import { SurveyRunner } from '../../member/surveys/SurveyRunner';
import {
  changeType,
  definitionJson,
  locateError,
  move,
  newQuestion,
  nextId,
  parseDefinitionJson,
  repairShowIf,
} from './builder-model';
import { PublishModal } from './PublishModal';
import { QuestionEditor } from './QuestionEditor';
import { StatusTag } from './SurveyBits';
import '../../member/surveys/surveys.css';
import './surveys-console.css';

/** 问卷设计: sections and questions of every type, skip logic, preview as a member sees it, JSON in and out. */
export default function BuilderPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const survey = useSurvey(id);
  const save = useSaveDefinition();
  const [def, setDef] = useState<SurveyDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<{ field: string; message: string }[]>([]);
  const [preview, setPreview] = useState(false);
  const [publishing, setPublishing] = useState(false);

  const labels = useMemo(
    () => ({
      title: t('surveys.builder.newQuestion'),
      option: (n: number) => t('surveys.builder.optionN', { n }),
      row: (n: number) => t('surveys.builder.rowN', { n }),
      columns: [t('surveys.builder.colA'), t('surveys.builder.colB'), t('surveys.builder.colC')],
    }),
    [t],
  );

  useEffect(() => {
    if (!id && def === null)
      setDef({
        title: t('surveys.builder.untitled'),
        description: '',
        sections: [
          {
            id: 's1',
            title: t('surveys.builder.sectionN', { n: 1 }),
            questions: [newQuestion('q1', 'single', labels)],
          },
        ],
      });
  }, [id, def, t, labels]);

  useEffect(() => {
    if (survey.data && !dirty) setDef(survey.data.definition);
  }, [survey.data, dirty]);

  useEffect(() => {
    document.title = `${t('surveys.builder.title')} · ${t('app.name')}`;
  }, [t]);

  if (id && survey.isPending) return <Skeleton active />;
  if (id && survey.isError) return <Alert type="error" showIcon title={survey.error.message} />;
  if (!def) return <Skeleton active />;

  const update = (next: SurveyDefinition) => {
    setDef(next);
    setDirty(true);
  };
  const setSection = (si: number, patch: Partial<SurveyDefinition['sections'][number]>) =>
    update({ ...def, sections: def.sections.map((s, i) => (i === si ? { ...s, ...patch } : s)) });
  const setQuestions = (si: number, fn: (qs: Question[]) => Question[]) =>
    setSection(si, { questions: fn(def.sections[si]?.questions ?? []) });

  const addQuestion = (si: number, type: QuestionType) =>
    setQuestions(si, (qs) => [...qs, newQuestion(nextId(def, 'q'), type, labels)]);
  const addSection = () =>
    update({
      ...def,
      sections: [
        ...def.sections,
        { id: nextId(def, 's'), title: t('surveys.builder.sectionN', { n: def.sections.length + 1 }), questions: [] },
      ],
    });
  const moveQuestion = (si: number, qi: number, delta: -1 | 1) => {
    const qs = def.sections[si]?.questions ?? [];
    const target = qi + delta;
    if (target >= 0 && target < qs.length) return setQuestions(si, (list) => move(list, qi, target));
    // across the section boundary
    const other = si + delta;
    const q = qs[qi];
    if (!q || other < 0 || other >= def.sections.length) return;
    update({
      ...def,
      sections: def.sections.map((s, i) => {
        if (i === si) return { ...s, questions: s.questions.filter((_, j) => j !== qi) };
        if (i === other) return { ...s, questions: delta < 0 ? [...s.questions, q] : [q, ...s.questions] };
        return s;
      }),
    });
  };

  const published = survey.data && survey.data.status !== 'draft';
  const located = errors.map((e) => ({ ...locateError(def, e.field), message: e.message }));
  const questionErrors = (qid: string) =>
    located.filter((e) => e.questionId === qid).map((e) => (e.detail ? `${e.detail}: ${e.message}` : e.message));
  let n = 0;

  const onSave = async (): Promise<string | null> => {
    const clean = repairShowIf(def);
    setDef(clean);
    try {
      const saved = await save.mutateAsync({ id, definition: clean });
      setErrors([]);
      setDirty(false);
      void message.success(t('surveys.builder.saved', { version: saved.version }));
      if (!id) navigate(`/console/surveys/${saved.id}/edit`, { replace: true });
      return saved.id;
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors?.length) setErrors(err.problem.errors);
      void message.error(err instanceof Error ? err.message : t('common.network'));
      return null;
    }
  };

  const onImport = async (file: File) => {
    const parsed = parseDefinitionJson(await file.text());
    if (!parsed) {
      void message.error(t('surveys.builder.importBad'));
      return false;
    }
    const apply = () => {
      update(parsed);
      setErrors([]);
      void message.success(t('surveys.builder.imported', { title: parsed.title }));
    };
    if (dirty || id) modal.confirm({ title: t('surveys.builder.importConfirm'), onOk: apply });
    else apply();
    return false;
  };

  const previewSheet: AnswerSheet = {
    survey: {
      id: id ?? 'preview',
      version: 0,
      definition: repairShowIf(def),
      status: 'open',
      opensAt: '',
      closesAt: survey.data?.publication?.closesAt ?? '',
      anonymous: survey.data?.publication?.anonymous ?? false,
      closedMessage: null,
    },
    submitted: false,
  };

  return (
    <section className="uc-svb" aria-labelledby="svb-title">
      <div className="uc-svb-head">
        <Space wrap align="center">
          <Link to="/console/surveys">{t('surveys.console.backToList')}</Link>
          <h1 id="svb-title" className="uc-page-title">
            {id ? t('surveys.builder.editTitle') : t('surveys.builder.title')}
          </h1>
          {survey.data && <StatusTag status={survey.data.status} />}
          {survey.data && <Typography.Text type="secondary">v{survey.data.version}</Typography.Text>}
        </Space>
        <Space wrap>
          <Upload accept="application/json,.json" showUploadList={false} beforeUpload={(f) => onImport(f)}>
            <Button icon={<UploadOutlined />}>{t('surveys.builder.import')}</Button>
          </Upload>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              downloadText(
                `${def.title || 'survey'}.json`,
                definitionJson(repairShowIf(def)),
                'application/json;charset=utf-8',
              )
            }
          >
            {t('surveys.builder.export')}
          </Button>
          <Button icon={<EyeOutlined />} onClick={() => setPreview(true)} data-testid="builder-preview">
            {t('surveys.builder.preview')}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={save.isPending}
            onClick={() => void onSave()}
            data-testid="builder-save"
          >
            {t('surveys.builder.save')}
          </Button>
          {id && survey.data?.status !== 'closed' && (
            <Button
              icon={<SendOutlined />}
              disabled={dirty}
              onClick={() => setPublishing(true)}
              data-testid="builder-publish"
            >
              {survey.data?.status === 'draft' ? t('surveys.publish.action') : t('surveys.publish.republish')}
            </Button>
          )}
        </Space>
      </div>
      {published && <Alert type="info" showIcon title={t('surveys.builder.versionNote')} />}
      {located.some((e) => !e.questionId) && (
        <Alert
          type="error"
          showIcon
          title={t('surveys.builder.problems')}
          description={located
            .filter((e) => !e.questionId)
            .map((e) => `${e.detail || t('surveys.builder.survey')}${t('common.labelSeparator')}${e.message}`)
            .join(t('common.clauseSeparator'))}
        />
      )}

      <Card size="small">
        <div className="uc-svb-grid">
          <label className="uc-svb-label" htmlFor="svb-def-title">
            {t('surveys.builder.surveyTitle')}
          </label>
          <Input
            id="svb-def-title"
            data-testid="builder-title"
            value={def.title}
            onChange={(e) => update({ ...def, title: e.target.value })}
          />
          <label className="uc-svb-label" htmlFor="svb-def-desc">
            {t('surveys.builder.description')}
          </label>
          <Input.TextArea
            id="svb-def-desc"
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={def.description ?? ''}
            onChange={(e) => update({ ...def, description: e.target.value })}
          />
          <span className="uc-svb-label">{t('surveys.builder.randomizeQuestions')}</span>
          <Switch
            checked={Boolean(def.randomizeQuestions)}
            aria-label={t('surveys.builder.randomizeQuestions')}
            onChange={(v) => update({ ...def, randomizeQuestions: v || undefined })}
          />
        </div>
      </Card>

      {def.sections.map((s, si) => (
        <Card
          key={s.id}
          className="uc-svb-section"
          data-testid={`builder-section-${s.id}`}
          title={
            <Input
              aria-label={t('surveys.builder.sectionTitle')}
              value={s.title}
              variant="borderless"
              className="uc-svb-section-title"
              onChange={(e) => setSection(si, { title: e.target.value })}
            />
          }
          extra={
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={def.sections.length === 1}
              onClick={() => update(repairShowIf({ ...def, sections: def.sections.filter((_, i) => i !== si) }))}
            >
              {t('surveys.builder.deleteSection')}
            </Button>
          }
        >
          <Space direction="vertical" size="middle" className="uc-svb-questions">
            {s.questions.map((q, qi) => (
              <QuestionEditor
                key={q.id}
                def={def}
                question={q}
                number={++n}
                errors={questionErrors(q.id)}
                onChange={(next) => setQuestions(si, (qs) => qs.map((x) => (x.id === q.id ? next : x)))}
                onType={(type) =>
                  setQuestions(si, (qs) =>
                    qs.map((x) => (x.id === q.id ? changeType(x, type, newQuestion(x.id, type, labels)) : x)),
                  )
                }
                onMove={(delta) => moveQuestion(si, qi, delta)}
                onDuplicate={() =>
                  setQuestions(si, (qs) => {
                    const copy = { ...structuredClone(q), id: nextId(def, 'q') };
                    return [...qs.slice(0, qi + 1), copy, ...qs.slice(qi + 1)];
                  })
                }
                onDelete={() =>
                  update(
                    repairShowIf({
                      ...def,
                      sections: def.sections.map((x, i) =>
                        i === si ? { ...x, questions: x.questions.filter((y) => y.id !== q.id) } : x,
                      ),
                    }),
                  )
                }
              />
            ))}
            <Dropdown
              trigger={['click']}
              menu={{
                items: QUESTION_TYPES.map((type) => ({
                  key: type,
                  label: <span data-testid={`add-${type}`}>{t(`surveys.types.${type}`)}</span>,
                })),
                onClick: ({ key }) => addQuestion(si, key as QuestionType),
              }}
            >
              <Button icon={<PlusOutlined />} data-testid={`add-question-${s.id}`}>
                {t('surveys.builder.addQuestion')}
              </Button>
            </Dropdown>
          </Space>
        </Card>
      ))}
      <Button icon={<PlusOutlined />} onClick={addSection} block type="dashed">
        {t('surveys.builder.addSection')}
      </Button>

      <Drawer
        open={preview}
        onClose={() => setPreview(false)}
        title={t('surveys.builder.previewTitle')}
        size={440}
        destroyOnHidden
        className="uc-svb-preview"
      >
        <div className="uc-member uc-sv uc-svb-phone" data-testid="builder-preview-pane">
          <main className="uc-member-main">
            <SurveyRunner sheet={previewSheet} endpoint={null} scope="preview" />
          </main>
        </div>
      </Drawer>
      {id && survey.data && (
        <PublishModal survey={survey.data} open={publishing} onClose={() => setPublishing(false)} />
      )}
    </section>
  );
}
