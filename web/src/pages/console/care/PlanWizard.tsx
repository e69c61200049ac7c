import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Steps,
  Table,
  Typography,
} from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../../api/auth';
import { type DistributionInput, useCareItems, useCreateDistribution, useStock } from '../../../api/care';
import { useMembers, useUnions } from '../../../api/console';
import { buildUnionTree, flatten, type UnionNode } from '../../../lib/unionTree';
import { CarePageHead, ItemSelect, showProblem, UnionSelect } from './CareBits';
import './care-console.css';

interface Recipient {
  key: string;
  kind: 'union' | 'member';
  id: string;
  name: string;
  detail?: string;
  planned: number;
}

/** Every union below `rootId` with its depth under it (the recipients a union may plan for). */
function descendants(nodes: readonly UnionNode[], rootId: string | undefined): { node: UnionNode; depth: number }[] {
  if (!rootId) return [];
  const root = flatten(nodes).find((n) => n.union.id === rootId);
  if (!root) return [];
  const out: { node: UnionNode; depth: number }[] = [];
  const walk = (list: readonly UnionNode[], depth: number) => {
    for (const n of list) {
      out.push({ node: n, depth });
      walk(n.children, depth + 1);
    }
  };
  walk(root.children, 0);
  return out;
}

function MemberPicker({
  unionId,
  chosen,
  onAdd,
}: {
  unionId?: string;
  chosen: Set<string>;
  onAdd: (r: Omit<Recipient, 'planned' | 'key'>) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const members = useMembers({ unionId, q: q || undefined, page: 1, pageSize: 20 });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={null}
      placeholder={t('care.plan.searchMembers')}
      aria-label={t('care.plan.searchMembers')}
      loading={members.isFetching}
      style={{ width: '100%', maxWidth: 480 }}
      options={(members.data?.items ?? [])
        .filter((m) => !chosen.has(`member:${m.id}`))
        .map((m) => ({ value: m.id, label: `${m.name} · ${m.unionName}` }))}
      onChange={(id: string | null) => {
        const m = members.data?.items.find((x) => x.id === id);
        if (m) onAdd({ kind: 'member', id: m.id, name: m.name, detail: m.unionName });
      }}
    />
  );
}

/**
 * 发放计划 in three steps: where it comes from and what (an item or a kit), who receives it (child unions in the tree
 * below the source, or members), and how many each; the last step checks the total against the stock on hand.
 */
export default function PlanWizard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ title: string; fromUnionId: string; itemId: string }>();
  const [step, setStep] = useState(0);
  const [mode, setMode] = useState<'union' | 'member'>('union');
  const [recipients, setRecipients] = useState<Recipient[]>([]);
  const [fill, setFill] = useState<number | null>(1);
  const fillId = useId();
  const fromUnionId = Form.useWatch('fromUnionId', form);
  const itemId = Form.useWatch('itemId', form);
  const unions = useUnions();
  const me = useMe();
  const items = useCareItems();
  const stock = useStock(fromUnionId);
  const create = useCreateDistribution();

  const tree = useMemo(() => buildUnionTree(unions.data ?? []), [unions.data]);
  const below = useMemo(() => descendants(tree, fromUnionId), [tree, fromUnionId]);
  const chosen = new Set(recipients.map((r) => r.key));
  const item = items.data?.find((i) => i.id === itemId);
  const onHand = stock.data?.find((s) => s.itemId === itemId && s.unionId === fromUnionId)?.quantity ?? 0;
  const total = recipients.reduce((sum, r) => sum + (r.planned || 0), 0);

  const toggleUnion = (node: UnionNode, on: boolean) =>
    setRecipients((prev) =>
      on
        ? [
            ...prev,
            {
              key: `union:${node.union.id}`,
              kind: 'union',
              id: node.union.id,
              name: node.union.name,
              planned: fill ?? 1,
            },
          ]
        : prev.filter((r) => r.key !== `union:${node.union.id}`),
    );

  const next = async () => {
    if (step === 0) {
      await form.validateFields();
      setStep(1);
    } else if (step === 1) {
      if (recipients.length === 0) void message.warning(t('care.plan.noRecipients'));
      else setStep(2);
    }
  };

  const submit = () => {
    const v = form.getFieldsValue(true) as { title: string; fromUnionId: string; itemId: string };
    const input: DistributionInput = {
      title: v.title.trim(),
      fromUnionId: v.fromUnionId,
      itemId: v.itemId,
      lines: recipients.map((r) =>
        r.kind === 'union' ? { toUnionId: r.id, planned: r.planned } : { toMemberId: r.id, planned: r.planned },
      ),
    };
    create.mutate(input, {
      onSuccess: ({ id }) => {
        void message.success(t('care.plan.done'));
        navigate(`/console/care/distributions/${id}`);
      },
      onError: (err) => showProblem(err, null, message),
    });
  };

  return (
    <div className="uc-care-page">
      <CarePageHead
        title={t('care.plan.title')}
        back={{ to: '/console/care/distributions', label: t('care.dist.back') }}
      />
      <Card>
        <Steps
          current={step}
          className="uc-mb"
          items={[{ title: t('care.plan.step1') }, { title: t('care.plan.step2') }, { title: t('care.plan.step3') }]}
        />
        <Form
          form={form}
          layout="vertical"
          hidden={step !== 0}
          style={{ maxWidth: 560 }}
          initialValues={{ fromUnionId: me.data?.union?.id }}
        >
          <Form.Item
            name="title"
            label={t('care.plan.name')}
            rules={[{ required: true, whitespace: true, message: t('care.plan.nameRequired') }]}
          >
            <Input maxLength={120} placeholder={t('care.plan.namePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="fromUnionId"
            label={t('care.plan.from')}
            rules={[{ required: true, message: t('care.common.pickUnion') }]}
          >
            <UnionSelect onChange={() => setRecipients([])} />
          </Form.Item>
          <Form.Item
            name="itemId"
            label={t('care.plan.item')}
            rules={[{ required: true, message: t('care.common.pickItem') }]}
          >
            <ItemSelect />
          </Form.Item>
          {fromUnionId && itemId && (
            <Alert
              type={onHand > 0 ? 'info' : 'warning'}
              showIcon
              title={t('care.plan.onHand', { count: onHand, unit: item?.unit ?? '' })}
            />
          )}
        </Form>

        {step === 1 && (
          <section aria-labelledby="plan-recipients">
            <Typography.Title level={2} id="plan-recipients" className="uc-care-h2">
              {t('care.plan.step2')}
            </Typography.Title>
            <Space wrap className="uc-mb">
              <Radio.Group
                optionType="button"
                value={mode}
                onChange={(e) => setMode(e.target.value)}
                options={[
                  { value: 'union', label: t('care.plan.toUnions') },
                  { value: 'member', label: t('care.plan.toMembers') },
                ]}
              />
              <span className="uc-care-inline-label">
                <label htmlFor={fillId}>{t('care.plan.defaultQty')}</label>
                <InputNumber id={fillId} min={1} precision={0} value={fill} onChange={setFill} />
              </span>
            </Space>
            {mode === 'union' ? (
              below.length === 0 ? (
                <Alert type="info" showIcon title={t('care.plan.noChildren')} />
              ) : (
                <ul className="uc-care-tree" aria-label={t('care.plan.toUnions')}>
                  {below.map(({ node, depth }) => (
                    <li key={node.union.id} style={{ paddingInlineStart: depth * 24 }}>
                      <Checkbox
                        checked={chosen.has(`union:${node.union.id}`)}
                        onChange={(e) => toggleUnion(node, e.target.checked)}
                      >
                        {node.union.name}
                      </Checkbox>
                    </li>
                  ))}
                </ul>
              )
            ) : (
              <MemberPicker
                unionId={fromUnionId}
                chosen={chosen}
                onAdd={(r) => setRecipients((prev) => [...prev, { ...r, key: `member:${r.id}`, planned: fill ?? 1 }])}
              />
            )}
            <p className="uc-muted uc-mt" aria-live="polite">
              {t('care.plan.chosen', { count: recipients.length })}
            </p>
          </section>
        )}

        {step === 2 && (
          <section aria-labelledby="plan-quantities">
            <Typography.Title level={2} id="plan-quantities" className="uc-care-h2">
              {t('care.plan.step3')}
            </Typography.Title>
            <Table<Recipient>
              rowKey="key"
              pagination={false}
              dataSource={recipients}
              columns={[
                {
                  title: t('care.dist.recipient'),
                  dataIndex: 'name',
                  render: (name: string, r) => (
                    <span>
                      {name} <span className="uc-muted">{r.kind === 'member' ? `· ${r.detail ?? ''}` : ''}</span>
                    </span>
                  ),
                },
                {
                  title: t('care.dist.planned'),
                  dataIndex: 'planned',
                  width: 180,
                  render: (v: number, r) => (
                    <InputNumber
                      min={1}
                      precision={0}
                      value={v}
                      aria-label={t('care.plan.plannedFor', { name: r.name })}
                      onChange={(n) =>
                        setRecipients((prev) => prev.map((x) => (x.key === r.key ? { ...x, planned: n ?? 0 } : x)))
                      }
                    />
                  ),
                },
                {
                  title: t('care.common.actions'),
                  key: 'remove',
                  width: 100,
                  render: (_, r) => (
                    <Button type="link" onClick={() => setRecipients((prev) => prev.filter((x) => x.key !== r.key))}>
                      {t('care.common.remove')}
                    </Button>
                  ),
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('care.dist.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1}>
                    <strong data-testid="plan-total">{total}</strong> {item?.unit ?? ''}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} />
                </Table.Summary.Row>
              )}
            />
            {total > onHand && (
              <Alert
                className="uc-mt"
                type="warning"
                showIcon
                title={t('care.plan.overStock', { total, count: onHand, unit: item?.unit ?? '' })}
              />
            )}
          </section>
        )}

        <Space className="uc-mt">
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t('care.common.previous')}</Button>}
          {step < 2 ? (
            <Button type="primary" onClick={() => void next().catch(() => undefined)}>
              {t('care.common.next')}
            </Button>
          ) : (
            <Button
              type="primary"
              loading={create.isPending}
              disabled={recipients.some((r) => !r.planned || r.planned < 1)}
              onClick={submit}
            >
              {t('care.plan.submit')}
            </Button>
          )}
        </Space>
      </Card>
    </div>
  );
}
