import { Alert, App, Button, Drawer, Form, Input, Popconfirm, Select, Space } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchemes } from '../../../api/aid';
import { ApiError } from '../../../api/client';
import { type AnswerBody, useAnswer, useArchiveAnswer, useSaveAnswer } from '../../../api/hotline';
import { AnswerView } from './AnswerView';

interface Values {
  title: string;
  body: string;
  tags: string[];
  schemeIds: string[];
  coverageIds: string[];
}

/** /aid/schemes as the editor reads it: ids are needed to link (see the "Web needs" note in the contract). */
type SchemeWithIds = {
  id?: string;
  code: string;
  name: string;
  coverages: { id?: string; code: string; name: string }[];
};

/**
 * Edit one knowledge-base answer: the staff's words, tags and the schemes/coverages it is about. The documents and
 * filing steps are never typed here: the preview shows them as the scheme data says today.
 */
export function AnswerEditor({ id, onClose }: { id: string | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = useAnswer(id === 'new' ? null : id);
  const save = useSaveAnswer();
  const archive = useArchiveAnswer();
  const schemes = useSchemes();
  const list = (schemes.data?.items ?? []) as SchemeWithIds[];
  const idsKnown = list.length > 0 && list.every((s) => s.id && s.coverages.every((c) => c.id));

  const linked = existing.data;
  // without ids from /aid/schemes only the answer's own links can be shown (by name), not changed
  const schemeOptions = useMemo(
    () =>
      idsKnown
        ? list.map((s) => ({ value: s.id as string, label: s.name }))
        : (linked?.schemes ?? []).map((s) => ({ value: s.id, label: s.name })),
    [list, idsKnown, linked],
  );
  const coverageOptions = useMemo(
    () =>
      idsKnown
        ? list.map((s) => ({
            label: s.name,
            title: s.name,
            options: s.coverages.map((c) => ({ value: c.id as string, label: c.name })),
          }))
        : [
            {
              label: t('hotline.kb.coverages'),
              title: t('hotline.kb.coverages'),
              options: (linked?.coverages ?? []).map((c) => ({ value: c.id, label: c.name })),
            },
          ],
    [list, idsKnown, linked, t],
  );

  useEffect(() => {
    const a = existing.data;
    form.setFieldsValue(
      a
        ? {
            title: a.title,
            body: a.body,
            tags: a.tags,
            schemeIds: a.schemes.map((s) => s.id),
            coverageIds: a.coverages.map((c) => c.id),
          }
        : { title: '', body: '', tags: [], schemeIds: [], coverageIds: [] },
    );
  }, [existing.data, form]);

  const problem = save.error instanceof ApiError ? save.error : null;
  const fieldError = (f: keyof Values) => problem?.fieldError(f);

  const submit = (values: Values) => {
    const body: Partial<AnswerBody> = {
      title: values.title.trim(),
      body: values.body.trim(),
      tags: values.tags.map((x) => x.trim()).filter(Boolean),
      // links are sent only when they could be edited: a PATCH without them keeps the answer's links
      ...(idsKnown ? { schemeIds: values.schemeIds, coverageIds: values.coverageIds } : {}),
    };
    save.mutate(
      { id: id === 'new' ? undefined : id, body },
      {
        onSuccess: () => {
          message.success(t('hotline.kb.saved'));
          onClose();
        },
      },
    );
  };

  const a = existing.data;
  return (
    <Drawer
      open
      size="large"
      title={id === 'new' ? t('hotline.kb.newAnswer') : t('hotline.kb.editAnswer')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          {a && (
            <Popconfirm
              title={a.status === 'active' ? t('hotline.kb.archiveConfirm') : t('hotline.kb.restoreConfirm')}
              onConfirm={() => archive.mutate({ id: a.id, archive: a.status === 'active' })}
            >
              <Button loading={archive.isPending}>
                {a.status === 'active' ? t('hotline.kb.archive') : t('hotline.kb.restore')}
              </Button>
            </Popconfirm>
          )}
          <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="save-answer">
            {t('hotline.kb.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} disabled={existing.isFetching && !a}>
        <Form.Item
          name="title"
          label={t('hotline.kb.title')}
          rules={[{ required: true, min: 2, max: 120, whitespace: true }]}
          validateStatus={fieldError('title') ? 'error' : undefined}
          help={fieldError('title')}
        >
          <Input maxLength={120} placeholder={t('hotline.kb.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('hotline.kb.body')}
          extra={t('hotline.kb.bodyHint')}
          rules={[{ required: true, whitespace: true, max: 10_000 }]}
          validateStatus={fieldError('body') ? 'error' : undefined}
          help={fieldError('body')}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="tags" label={t('hotline.kb.tags')} extra={t('hotline.kb.tagsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} maxCount={20} open={false} />
        </Form.Item>
        {!idsKnown && schemes.isSuccess && (
          <Alert type="warning" showIcon className="uc-gap" title={t('hotline.kb.idsMissing')} />
        )}
        <Form.Item name="schemeIds" label={t('hotline.kb.schemes')}>
          <Select mode="multiple" options={schemeOptions} disabled={!idsKnown} loading={schemes.isPending} />
        </Form.Item>
        <Form.Item name="coverageIds" label={t('hotline.kb.coverages')} extra={t('hotline.kb.coveragesHint')}>
          <Select
            mode="multiple"
            options={coverageOptions}
            disabled={!idsKnown}
            showSearch={{ optionFilterProp: 'label' }}
            loading={schemes.isPending}
            data-testid="answer-coverages"
          />
        </Form.Item>
      </Form>
      {problem && !fieldError('title') && !fieldError('body') && (
        <Alert type="error" showIcon title={problem.message} />
      )}
      {a && a.coverages.length > 0 && (
        <>
          <h3>{t('hotline.kb.preview')}</h3>
          <AnswerView answer={a} loading={false} given={false} giving={false} />
        </>
      )}
    </Drawer>
  );
}
