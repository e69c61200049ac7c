import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Switch, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { useUnions } from '../../../api/console';
import {
  AGE_BANDS,
  type AgeBand,
  AUDIENCE_UNION_KINDS,
  type AudienceUnionKind,
  type PublishInput,
  type Survey,
  usePublish,
} from '../../../api/surveys';
import { TIME_ZONE } from '../../../lib/dates';
import { buildUnionTree, type UnionNode } from '../../../lib/unionTree';

interface Values {
  audienceUnionId?: string;
  ageBands: AgeBand[];
  unionKinds: AudienceUnionKind[];
  openNow: boolean;
  opensAt?: Dayjs;
  closesAt?: Dayjs;
  graceMinutes?: number;
  closedMessage?: string;
  anonymous: boolean;
  quota?: number;
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

/** The wall-clock time picked in the form, read as Beijing time (the staff member's computer may be elsewhere). */
function shanghaiIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD HH:mm'), TIME_ZONE).toISOString();
}

/** 发布问卷: to a union subtree (optionally filtered), in a window, named or anonymous, with a quota. */
export function PublishModal({ survey, open, onClose }: { survey: Survey; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const unions = useUnions(open);
  const publish = usePublish(survey.id);
  const [error, setError] = useState<string | null>(null);
  const pub = survey.publication;

  const tree = useMemo(() => {
    const toOption = (node: UnionNode): TreeOption => ({
      value: node.union.id,
      title: `${node.union.name}${t('common.inParens', { text: t('surveys.publish.members', { count: node.total }) })}`,
      children: node.children.map(toOption),
    });
    return buildUnionTree(unions.data ?? []).map(toOption);
  }, [unions.data, t]);

  const initial: Values = {
    audienceUnionId: pub?.audienceUnionId ?? tree[0]?.value,
    ageBands: pub?.audienceFilter.ageBands ?? [],
    unionKinds: pub?.audienceFilter.unionKinds ?? [],
    openNow: !pub,
    opensAt: pub ? dayjs(pub.opensAt).tz(TIME_ZONE) : undefined,
    closesAt: pub
      ? dayjs(pub.closesAt).tz(TIME_ZONE)
      : dayjs().tz(TIME_ZONE).add(30, 'day').hour(23).minute(59).second(0),
    graceMinutes: pub?.graceMinutes ?? 0,
    closedMessage: pub?.closedMessage ?? t('surveys.publish.closedMessageDefault'),
    anonymous: pub?.anonymous ?? true,
    quota: pub?.quota ?? undefined,
  };

  // the union tree arrives after the dialog opens: default the audience to the top of the staff member's subtree
  const firstUnion = tree[0]?.value;
  useEffect(() => {
    if (open && firstUnion && !form.getFieldValue('audienceUnionId')) form.setFieldValue('audienceUnionId', firstUnion);
  }, [open, firstUnion, form]);

  const onOk = async () => {
    setError(null);
    const v = await form.validateFields();
    const input: PublishInput = {
      audienceUnionId: v.audienceUnionId as string,
      opensAt: v.openNow || !v.opensAt ? new Date().toISOString() : shanghaiIso(v.opensAt),
      closesAt: shanghaiIso(v.closesAt as Dayjs),
      anonymous: v.anonymous,
    };
    if (v.ageBands.length || v.unionKinds.length)
      input.audienceFilter = {
        ...(v.ageBands.length ? { ageBands: v.ageBands } : {}),
        ...(v.unionKinds.length ? { unionKinds: v.unionKinds } : {}),
      };
    if (v.graceMinutes) input.graceMinutes = v.graceMinutes;
    if (v.closedMessage?.trim()) input.closedMessage = v.closedMessage.trim();
    if (v.quota) input.quota = v.quota;
    try {
      const published = await publish.mutateAsync(input);
      void message.success(t('surveys.publish.done', { status: t(`surveys.status.${published.status}`) }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        const fields = (err.problem.errors ?? [])
          .map((e) => ({ name: e.field.split(/[./]/).pop() as keyof Values, errors: [e.message] }))
          .filter((f) => f.name in initial);
        if (fields.length) form.setFields(fields);
        setError(err.message);
      } else setError(t('common.network'));
    }
  };

  return (
    <Modal
      open={open}
      title={t('surveys.publish.title', { title: survey.definition.title })}
      okText={t('surveys.publish.ok')}
      onOk={() => void onOk()}
      confirmLoading={publish.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'publish-ok' }}
    >
      {error && <Alert type="error" showIcon title={error} className="uc-svb-gap" />}
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item
          name="audienceUnionId"
          label={t('surveys.publish.audience')}
          extra={t('surveys.publish.audienceHint')}
          rules={[{ required: true, message: t('surveys.publish.audienceRequired') }]}
        >
          <TreeSelect
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            loading={unions.isPending}
            data-testid="publish-audience"
          />
        </Form.Item>
        <Form.Item name="ageBands" label={t('surveys.publish.ageBands')} extra={t('surveys.publish.filterHint')}>
          <Checkbox.Group options={AGE_BANDS.map((b) => ({ value: b, label: t(`surveys.ageBands.${b}`) }))} />
        </Form.Item>
        <Form.Item name="unionKinds" label={t('surveys.publish.unionKinds')}>
          <Checkbox.Group
            options={AUDIENCE_UNION_KINDS.map((k) => ({ value: k, label: t(`surveys.unionKinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="openNow" label={t('surveys.publish.openNow')} valuePropName="checked">
          <Switch data-testid="publish-open-now" />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.openNow !== b.openNow}>
          {({ getFieldValue }) =>
            !getFieldValue('openNow') && (
              <Form.Item
                name="opensAt"
                label={t('surveys.publish.opensAt')}
                rules={[{ required: true, message: t('surveys.publish.timeRequired') }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item
          name="closesAt"
          label={t('surveys.publish.closesAt')}
          extra={t('surveys.publish.timeZoneHint')}
          rules={[{ required: true, message: t('surveys.publish.timeRequired') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="graceMinutes" label={t('surveys.publish.grace')} extra={t('surveys.publish.graceHint')}>
          <InputNumber min={0} max={7 * 24 * 60} suffix={t('surveys.publish.minutes')} />
        </Form.Item>
        <Form.Item name="closedMessage" label={t('surveys.publish.closedMessage')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} showCount />
        </Form.Item>
        <Form.Item
          name="anonymous"
          label={t('surveys.publish.anonymous')}
          valuePropName="checked"
          extra={t('surveys.publish.anonymousHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="quota" label={t('surveys.publish.quota')} extra={t('surveys.publish.quotaHint')}>
          <InputNumber min={1} max={10_000_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
