import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AID_PERMISSIONS, type Assessed, type Claim, problemReasons, useReview } from '../../../api/aid';
import { can, useMe } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { formatYuan } from '../../../lib/money';
import { BenefitPreview } from './BenefitPreview';

type Kind = 'pass' | 'return' | 'approve' | 'reject';

interface Values {
  reason?: string;
  missingDocuments?: string[];
  assessedLoss?: number | null;
  assessedDays?: number | null;
}

const MAX_LOSS_YUAN = 10_000_000;
const MAX_DAYS = 3650;

/** The form's fields and the request fields the server names in a field-level error. */
const SERVER_FIELDS: [keyof Values, string][] = [
  ['assessedLoss', 'assessedLossFen'],
  ['assessedDays', 'assessedDays'],
  ['reason', 'reason'],
  ['missingDocuments', 'missingDocuments'],
];

const blank = (v: number | null | undefined): v is null | undefined => v === undefined || v === null;

/** The figures as the approval sends them, or null while they are not valid (nothing to preview). */
function assessedFor(byDays: boolean, loss: number | null | undefined, days: number | null | undefined) {
  if (byDays) {
    if (blank(days) || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) return null;
    return { assessedDays: days } satisfies Assessed;
  }
  if (blank(loss)) return {} satisfies Assessed; // the claim's own figure, as on approval
  if (!Number.isFinite(loss) || loss < 0 || loss > MAX_LOSS_YUAN) return null;
  return { assessedLossFen: Math.round(loss * 100) } satisfies Assessed;
}

/**
 * The reviewer's buttons, from the claim's own list of allowed actions: pass or return (workplace union), approve,
 * reject or return (city federation). Return and reject need a reason the member will read; approval takes the
 * assessed loss (or days) the rule computes the amount from.
 */
export function ReviewActions({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useMe().data;
  const review = useReview(claim.id);
  const [open, setOpen] = useState<Kind | null>(null);
  const [form] = Form.useForm<Values>();
  const acts = claim.availableActions;
  const mayCheck = can(user, AID_PERMISSIONS.check);
  const byDays = claim.claimedDays !== null;
  // which fields the open dialog has, so a server's field error lands under one that is there
  const shown = (name: keyof Values) =>
    name === 'assessedLoss'
      ? (open === 'pass' || open === 'approve') && !byDays
      : name === 'assessedDays'
        ? open === 'approve' && byDays
        : name === 'missingDocuments'
          ? open === 'return'
          : open !== 'pass';
  const lossInput = Form.useWatch('assessedLoss', form);
  const daysInput = Form.useWatch('assessedDays', form);

  const kinds: Kind[] = [];
  if (acts.includes('check')) kinds.push('pass');
  if (acts.includes('approve')) kinds.push('approve');
  if (acts.includes('return')) kinds.push('return');
  if (acts.includes('reject')) kinds.push('reject');
  if (kinds.length === 0) return <Typography.Text type="secondary">{t('aid.review.noActions')}</Typography.Text>;

  const loss = claim.assessedLossFen ?? claim.claimedLossFen;
  const initialValues: Values = {
    assessedLoss: loss === null ? undefined : loss / 100,
    assessedDays: claim.claimedDays ?? undefined,
  };

  const start = (kind: Kind) => {
    review.reset();
    setOpen(kind);
  };

  const submit = async () => {
    // a missing reason shows under its field; nothing is sent
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const fen = blank(v.assessedLoss) ? undefined : Math.round(v.assessedLoss * 100);
    const reason = v.reason?.trim() || undefined;
    const input =
      open === 'pass'
        ? ({ kind: 'check', body: { outcome: 'pass', assessedLossFen: fen } } as const)
        : open === 'return' && claim.status === 'submitted' && mayCheck
          ? ({ kind: 'check', body: { outcome: 'return', reason, missingDocuments: v.missingDocuments } } as const)
          : open === 'return'
            ? ({ kind: 'decide', body: { decision: 'return', reason, missingDocuments: v.missingDocuments } } as const)
            : open === 'reject'
              ? ({ kind: 'decide', body: { decision: 'reject', reason } } as const)
              : ({
                  kind: 'decide',
                  body: {
                    decision: 'approve',
                    reason,
                    ...(byDays ? { assessedDays: v.assessedDays ?? undefined } : { assessedLossFen: fen }),
                  },
                } as const);
    review.mutate(input, {
      onSuccess: (after) => {
        setOpen(null);
        if (open === 'approve' && after.status !== 'approved') void message.info(t('aid.review.done.firstApproval'));
        else if (open === 'approve')
          void message.success(t('aid.review.done.approve', { amount: formatYuan(after.approvedAmountFen) }));
        else void message.success(t(`aid.review.done.${open}`));
      },
      // a figure or reason the server refuses is shown under its field, like the form's own rules
      onError: (err) => {
        if (!(err instanceof ApiError)) return;
        const marked = SERVER_FIELDS.flatMap(([name, field]) => {
          const text = err.fieldError(field);
          return text && shown(name) ? [{ name, errors: [text] }] : [];
        });
        form.setFields(marked);
      },
    });
  };

  const needsReason = open === 'return' || open === 'reject';
  const reasons = problemReasons(review.error);
  const fieldErrors =
    review.error instanceof ApiError &&
    SERVER_FIELDS.some(([name, field]) => shown(name) && (review.error as ApiError).fieldError(field));
  const button = (kind: Kind) => {
    const icon = {
      pass: <CheckOutlined />,
      approve: <CheckOutlined />,
      return: <RollbackOutlined />,
      reject: <CloseOutlined />,
    }[kind];
    const primary = kind === 'pass' || kind === 'approve';
    return (
      <Button
        key={kind}
        type={primary ? 'primary' : 'default'}
        danger={kind === 'reject'}
        icon={icon}
        onClick={() => start(kind)}
      >
        {t(`aid.review.actions.${kind}`)}
      </Button>
    );
  };

  return (
    <>
      <Space wrap className="uc-review-actions">
        {kinds.map(button)}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`aid.review.modal.${open}`) : ''}
        okText={open ? t(`aid.review.actions.${open}`) : ''}
        okButtonProps={{ danger: open === 'reject', loading: review.isPending }}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={initialValues}
          requiredMark={needsReason ? true : 'optional'}
        >
          {(open === 'pass' || open === 'approve') && !byDays && (
            <Form.Item
              name="assessedLoss"
              label={t('aid.review.assessedLossInput')}
              rules={[{ type: 'number', min: 0, max: MAX_LOSS_YUAN, message: t('aid.review.amountInvalid') }]}
            >
              {/* no min/max on the input: it would silently turn -6400 into 0 on blur instead of saying why */}
              <InputNumber<number> precision={2} step={100} style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
          )}
          {open === 'approve' && byDays && (
            <Form.Item
              name="assessedDays"
              label={t('aid.review.assessedDaysInput')}
              rules={[
                { required: true, message: t('aid.review.daysInvalid') },
                { type: 'number', min: 0, max: MAX_DAYS, message: t('aid.review.daysInvalid') },
              ]}
            >
              <InputNumber<number> precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {open === 'approve' && (
            <BenefitPreview claimId={claim.id} assessed={assessedFor(byDays, lossInput, daysInput)} />
          )}
          {open === 'return' && (
            <Form.Item name="missingDocuments" label={t('aid.review.missingDocs')}>
              <Select
                mode="multiple"
                allowClear
                options={claim.requiredDocuments.map((d) => ({ value: d.code, label: d.label }))}
              />
            </Form.Item>
          )}
          {open !== 'pass' && (
            <Form.Item
              name="reason"
              label={needsReason ? t('aid.review.reason') : t('aid.review.reasonOptional')}
              rules={needsReason ? [{ required: true, whitespace: true, message: t('aid.review.reasonRequired') }] : []}
            >
              <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('aid.review.reasonPlaceholder')} />
            </Form.Item>
          )}
        </Form>
        {review.isError && !fieldErrors && (
          <Typography.Paragraph type="danger" role="alert">
            {t('aid.review.failed', {
              message: reasons.length
                ? reasons.map((r) => r.message).join(t('common.clauseSeparator'))
                : review.error instanceof ApiError
                  ? review.error.message
                  : t('common.network'),
            })}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
