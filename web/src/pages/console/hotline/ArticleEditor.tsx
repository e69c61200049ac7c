import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Form, Input, Radio, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchemes } from '../../../api/aid';
import {
  type ArticleBody,
  type CtaBody,
  uploadArticleImage,
  useManagedArticle,
  usePublishArticle,
  useSaveArticle,
} from '../../../api/articles';
import { ApiError } from '../../../api/client';
import { useUnions } from '../../../api/console';
import { buildUnionTree, type UnionNode } from '../../../lib/unionTree';
import { RichTextEditor } from './RichTextEditor';

interface Values {
  title: string;
  summary: string;
  publisher: string;
  targetUnionId: string;
  ctaKind: 'none' | 'precheck' | 'survey';
  coverageCode?: string;
  surveyId?: string;
  ctaLabel?: string;
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const toOptions = (nodes: UnionNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.union.id, title: n.union.name, children: toOptions(n.children) }));

/** The status in words and colour, shared by the list and the editor. */
export function ArticleStatusTag({ status }: { status: 'draft' | 'published' | 'unpublished' }) {
  const { t } = useTranslation();
  const color = status === 'published' ? 'success' : status === 'draft' ? 'processing' : 'default';
  return <Tag color={color}>{t(`hotline.articles.status.${status}`)}</Tag>;
}

/**
 * Write or change an article: rich text with pictures, the union subtree it goes to, and a call to action (a
 * coverage's pre-check or a survey). The server sanitises the HTML on save and says what it removed.
 */
export function ArticleEditor({ id, onClose }: { id: string | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [currentId, setCurrentId] = useState<string | null>(id === 'new' ? null : id);
  const article = useManagedArticle(currentId);
  const save = useSaveArticle();
  const publish = usePublishArticle();
  const unions = useUnions();
  const schemes = useSchemes();
  const [html, setHtml] = useState('');
  // changes together with `html` when an article (or its saved, sanitised version) arrives: the editor reloads then
  const [editorKey, setEditorKey] = useState('new');
  const [coverImageId, setCoverImageId] = useState<string | null | undefined>(undefined);
  const [coverUrl, setCoverUrl] = useState<string | null>(null);
  const coverInput = useRef<HTMLInputElement>(null);
  const ctaKind = Form.useWatch('ctaKind', form);
  const a = article.data;

  const unionOptions = useMemo(() => toOptions(buildUnionTree(unions.data ?? [])), [unions.data]);
  const coverageOptions = (schemes.data?.items ?? []).map((s) => ({
    label: s.name,
    title: s.name,
    options: s.coverages.map((c) => ({ value: c.code, label: c.name })),
  }));

  useEffect(() => {
    if (!a) {
      if (id === 'new') form.setFieldsValue({ ctaKind: 'none', summary: '', title: '', publisher: '' });
      return;
    }
    setHtml(a.bodyHtml);
    setEditorKey(`${a.id}:${a.updatedAt}`);
    setCoverUrl(a.coverImageUrl);
    form.setFieldsValue({
      title: a.title,
      summary: a.summary,
      publisher: a.publisher,
      targetUnionId: a.targetUnion.id,
      ctaKind: a.cta?.kind ?? 'none',
      coverageCode: a.cta?.kind === 'precheck' ? a.cta.target : undefined,
      surveyId: a.cta?.kind === 'survey' ? a.cta.target : undefined,
      ctaLabel: a.cta?.label,
    });
  }, [a, id, form]);

  const problem = save.error instanceof ApiError ? save.error : null;
  const fieldError = (f: string) => problem?.fieldError(f);

  const submit = (v: Values) => {
    if (!html.replace(/<[^>]*>/g, '').trim() && !html.includes('<img')) {
      message.warning(t('hotline.articles.bodyRequired'));
      return;
    }
    const label = v.ctaLabel?.trim() || undefined;
    const cta: CtaBody | null =
      v.ctaKind === 'precheck' && v.coverageCode
        ? { kind: 'precheck', coverageCode: v.coverageCode, ...(label ? { label } : {}) }
        : v.ctaKind === 'survey' && v.surveyId
          ? { kind: 'survey', surveyId: v.surveyId.trim(), ...(label ? { label } : {}) }
          : null;
    const body: ArticleBody = {
      title: v.title.trim(),
      summary: v.summary?.trim() ?? '',
      bodyHtml: html,
      publisher: v.publisher.trim(),
      targetUnionId: v.targetUnionId,
      cta,
      ...(coverImageId !== undefined ? { coverImageId } : {}),
    };
    save.mutate(
      { id: currentId ?? undefined, body },
      {
        onSuccess: (saved) => {
          setCurrentId(saved.id);
          if (saved.removed?.length) message.warning(t('hotline.articles.removed', { list: saved.removed.join(', ') }));
          else message.success(t('hotline.articles.saved'));
        },
      },
    );
  };

  const pickCover = async (file: File | undefined) => {
    if (!file) return;
    try {
      const img = await uploadArticleImage(file);
      setCoverImageId(img.id);
      setCoverUrl(img.url);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('common.network'));
    }
  };

  const togglePublish = () => {
    if (!a) return;
    publish.mutate(
      { id: a.id, publish: a.status !== 'published' },
      {
        onSuccess: (x) => message.success(t(`hotline.articles.status.${x.status}`)),
        onError: (err) => message.error(err instanceof ApiError ? err.message : t('common.network')),
      },
    );
  };

  return (
    <Drawer
      open
      size={960}
      title={currentId ? t('hotline.articles.edit') : t('hotline.articles.new')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {a && <ArticleStatusTag status={a.status} />}
          {a && (
            <Typography.Text type="secondary">{t('hotline.articles.reads', { count: a.readCount })}</Typography.Text>
          )}
          <Button onClick={() => form.submit()} loading={save.isPending} type={a ? 'default' : 'primary'}>
            {t('hotline.articles.saveDraft')}
          </Button>
          {a && (
            <Button type="primary" onClick={togglePublish} loading={publish.isPending} data-testid="publish-article">
              {a.status === 'published' ? t('hotline.articles.unpublish') : t('hotline.articles.publish')}
            </Button>
          )}
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ ctaKind: 'none' }}>
        <Form.Item
          name="title"
          label={t('hotline.articles.title')}
          rules={[{ required: true, min: 2, max: 120, whitespace: true }]}
          validateStatus={fieldError('title') ? 'error' : undefined}
          help={fieldError('title')}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="summary" label={t('hotline.articles.summary')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} showCount />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item
            name="publisher"
            label={t('hotline.articles.publisher')}
            rules={[{ required: true, whitespace: true, max: 60 }]}
          >
            <Input maxLength={60} placeholder="北京市总工会职工互助保障" style={{ width: 280 }} />
          </Form.Item>
          <Form.Item
            name="targetUnionId"
            label={t('hotline.articles.target')}
            extra={t('hotline.articles.targetHint')}
            rules={[{ required: true }]}
            validateStatus={fieldError('targetUnionId') ? 'error' : undefined}
            help={fieldError('targetUnionId')}
          >
            <TreeSelect
              treeData={unionOptions}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll
              loading={unions.isPending}
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item label={t('hotline.articles.cover')}>
            <Space>
              {coverUrl && <img src={coverUrl} alt="" className="uc-cover-thumb" height={48} />}
              <Button icon={<UploadOutlined />} onClick={() => coverInput.current?.click()}>
                {t('hotline.articles.pickCover')}
              </Button>
              {coverUrl && (
                <Button
                  onClick={() => {
                    setCoverImageId(null);
                    setCoverUrl(null);
                  }}
                >
                  {t('hotline.articles.removeCover')}
                </Button>
              )}
              <input
                ref={coverInput}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                style={{ display: 'none' }}
                onChange={(e) => {
                  void pickCover(e.target.files?.[0]);
                  e.target.value = '';
                }}
              />
            </Space>
          </Form.Item>
        </Space>
        <Form.Item label={t('hotline.articles.body')} required>
          <RichTextEditor
            value={html}
            onChange={setHtml}
            resetKey={editorKey}
            label={t('hotline.articles.body')}
            onUploadImage={async (file) => (await uploadArticleImage(file)).url}
          />
        </Form.Item>
        <Form.Item name="ctaKind" label={t('hotline.articles.cta')}>
          <Radio.Group
            options={(['none', 'precheck', 'survey'] as const).map((k) => ({
              value: k,
              label: t(`hotline.articles.ctaKind.${k}`),
            }))}
          />
        </Form.Item>
        {ctaKind === 'precheck' && (
          <Form.Item name="coverageCode" label={t('hotline.precheck.coverage')} rules={[{ required: true }]}>
            <Select options={coverageOptions} style={{ width: 320 }} />
          </Form.Item>
        )}
        {ctaKind === 'survey' && (
          <Form.Item
            name="surveyId"
            label={t('hotline.articles.surveyId')}
            rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i, message: t('hotline.articles.surveyIdInvalid') }]}
          >
            <Input style={{ width: 380 }} className="uc-mono" />
          </Form.Item>
        )}
        {ctaKind && ctaKind !== 'none' && (
          <Form.Item name="ctaLabel" label={t('hotline.articles.ctaLabel')} extra={t('hotline.articles.ctaLabelHint')}>
            <Input maxLength={30} style={{ width: 320 }} />
          </Form.Item>
        )}
      </Form>
      {problem && <Alert type="error" showIcon title={problem.message} />}
      {a?.removed && a.removed.length > 0 && (
        <Alert type="warning" showIcon title={t('hotline.articles.removed', { list: a.removed.join(', ') })} />
      )}
    </Drawer>
  );
}
