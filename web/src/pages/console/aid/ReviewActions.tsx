import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AID_PERMISSIONS, type Claim, type ClaimChecks, problemReasons, useReview } from '../../../api/aid';
import { can, useMe } from '../../../api/auth';
import { ApiError } from '../../../api/client';
import { formatYuan } from '../../../lib/money';

type Kind = 'pass' | 'return' | 'approve' | 'reject';

interface Values {
  reason?: string;
  missingDocuments?: string[];
  assessedLoss?: number;
  assessedDays?: number;
}

/**
 * The reviewer's buttons, from the claim's own list of allowed actions: pass or return (workplace union), approve,
 * reject or return (city federation). Return and reject need a reason the member will read; approval takes the
 * assessed loss (or days) the rule computes the amount from.
 */
export function ReviewActions({ claim, checks }: { claim: Claim; checks: ClaimChecks | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useMe().data;
  const review = useReview(claim.id);
  const [open, setOpen] = useState<Kind | null>(null);
  const [form] = Form.useForm<Values>();
  const acts = claim.availableActions;
  const mayCheck = can(user, AID_PERMISSIONS.check);
  const byDays = claim.claimedDays !== null;

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
    const fen = v.assessedLoss === undefined || v.assessedLoss === null ? undefined : Math.round(v.assessedLoss * 100);
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
                    ...(byDays ? { assessedDays: v.assessedDays } : { assessedLossFen: fen }),
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
    });
  };

  const needsReason = open === 'return' || open === 'reject';
  const reasons = problemReasons(review.error);
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
              rules={[{ type: 'number', min: 0, max: 10_000_000, message: t('aid.review.amountInvalid') }]}
            >
              <InputNumber<number> min={0} precision={2} step={100} style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
          )}
          {open === 'approve' && byDays && (
            <Form.Item name="assessedDays" label={t('aid.review.assessedDaysInput')} rules={[{ required: true }]}>
              <InputNumber<number> min={0} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {open === 'approve' && checks?.estimate?.amountFen != null && (
            <Typography.Paragraph type="secondary">
              {t('aid.review.amountPreview', { amount: formatYuan(checks.estimate.amountFen) })}
            </Typography.Paragraph>
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
        {review.isError && (
          <Typography.Paragraph type="danger" role="alert">
            {t('aid.review.failed', {
              message: reasons.length
                ? reasons.map((r) => r.message).join('；')
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
