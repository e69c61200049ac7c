import { Alert, Button, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Distribution,
  type DistributionLine,
  type Handover,
  useHandover,
  useReturn,
  useStaffConfirm,
} from '../../../api/care';
import { FormModal, ReasonField, useFormSave } from './CareForm';
import { ConfirmQr } from './QrCode';
import { SignaturePad } from './SignaturePad';

/** What a line may still receive: planned less what is out with the receiver (delivered minus returned). */
export const remaining = (line: DistributionLine) => Math.max(0, line.planned - (line.delivered - line.returned));

/** The receiver's name as they sign for the goods. */
function SignedNameField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="signedName"
      label={t('care.sign.name')}
      rules={[{ required: true, whitespace: true, message: t('care.sign.nameRequired') }]}
    >
      <Input maxLength={50} autoComplete="off" />
    </Form.Item>
  );
}

/** A dialog about one line of a distribution; closed while `line` is null. */
interface LineDialogProps {
  distribution: Distribution;
  line: DistributionLine | null;
  onClose: () => void;
}

interface HandoverValues {
  quantity: number;
  handedOverBy?: string;
  method: 'sign' | 'qr';
  signedName?: string;
}

/**
 * 交接: hand over part or all of a line. The receiver either signs on the spot (typed name plus a drawn signature:
 * confirmed at once) or confirms later by scanning the QR code shown after saving.
 */
export function HandoverModal({ distribution, line, onClose }: LineDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<HandoverValues>();
  const method = Form.useWatch('method', form);
  const [signature, setSignature] = useState<string>();
  const [token, setToken] = useState<string | null>(null);
  const handover = useHandover(distribution.id);
  const save = useFormSave(handover, form);
  const max = line ? remaining(line) : 0;

  const close = () => {
    setToken(null);
    setSignature(undefined);
    onClose();
  };

  const submit = (v: HandoverValues) => {
    if (!line) return;
    save(
      {
        lineId: line.id,
        quantity: v.quantity,
        handedOverBy: v.handedOverBy?.trim() || undefined,
        ...(v.method === 'sign' ? { signedName: v.signedName?.trim(), signaturePng: signature } : {}),
      },
      {
        done: t('care.handover.done', { count: v.quantity, unit: distribution.unit }),
        after: (res) => (res.confirmToken ? setToken(res.confirmToken) : close()),
      },
    );
  };

  return (
    <Modal
      open={line !== null}
      title={line ? t('care.handover.title', { name: line.recipient.name }) : ''}
      onCancel={close}
      destroyOnHidden
      width={600}
      footer={
        token
          ? [
              <Button key="done" type="primary" onClick={close}>
                {t('care.common.done')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close}>
                {t('care.common.cancel')}
              </Button>,
              <Button key="ok" type="primary" loading={handover.isPending} onClick={() => form.submit()}>
                {t('care.handover.submit')}
              </Button>,
            ]
      }
    >
      {token ? (
        <div className="uc-care-qr-step">
          <Alert type="success" showIcon title={t('care.handover.scanToConfirm', { name: line?.recipient.name })} />
          <ConfirmQr token={token} label={t('care.qr.alt', { name: line?.recipient.name })} />
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ quantity: max, method: line?.recipient.kind === 'member' ? 'qr' : 'sign' }}
        >
          <p className="uc-muted">
            {t('care.handover.remaining', { count: max, unit: distribution.unit, item: distribution.itemName })}
          </p>
          <Form.Item
            name="quantity"
            label={t('care.handover.quantity')}
            rules={[
              { required: true, type: 'integer', min: 1, message: t('care.common.positive') },
              { type: 'integer', max, message: t('care.handover.tooMany', { count: max }) },
            ]}
          >
            <InputNumber min={1} max={max} precision={0} suffix={distribution.unit} />
          </Form.Item>
          <Form.Item name="handedOverBy" label={t('care.handover.by')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="method" label={t('care.handover.method')}>
            <Radio.Group
              options={[
                { value: 'sign', label: t('care.handover.methodSign') },
                { value: 'qr', label: t('care.handover.methodQr') },
              ]}
            />
          </Form.Item>
          {method === 'sign' && (
            <>
              <SignedNameField />
              <SignaturePad label={t('care.sign.pad')} onChange={setSignature} />
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}

/** 单位确认: the receiving union's representative confirms a pending hand-over with their name and signature. */
export function StaffConfirmModal({
  distributionId,
  handover,
  onClose,
}: {
  distributionId: string;
  handover: Pick<Handover, 'id' | 'confirmToken'> | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ signedName: string }>();
  const [signature, setSignature] = useState<string>();
  const confirm = useStaffConfirm(distributionId);
  const save = useFormSave(confirm, form);
  const submit = ({ signedName }: { signedName: string }) => {
    if (!handover) return;
    save(
      {
        handoverId: handover.id,
        signedName: signedName.trim(),
        token: handover.confirmToken ?? undefined,
        signaturePng: signature,
      },
      { done: t('care.confirm.done'), after: onClose },
    );
  };
  return (
    <FormModal
      form={form}
      open={handover !== null}
      title={t('care.confirm.title')}
      okText={t('care.confirm.submit')}
      pending={confirm.isPending}
      onClose={onClose}
      width={600}
      intro={t('care.confirm.intro')}
      after={<SignaturePad label={t('care.sign.pad')} onChange={setSignature} />}
      onFinish={submit}
    >
      <SignedNameField />
    </FormModal>
  );
}

/** 退回: the receiver gives back part of what they got; the quantity goes back into the source union's stock. */
export function ReturnModal({ distribution, line, onClose }: LineDialogProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ quantity: number; reason: string }>();
  const ret = useReturn(distribution.id);
  const save = useFormSave(ret, form);
  const max = line ? line.delivered - line.returned : 0;
  const submit = (v: { quantity: number; reason: string }) => {
    if (!line) return;
    save(
      { lineId: line.id, quantity: v.quantity, reason: v.reason.trim() },
      { done: t('care.return.done'), after: onClose },
    );
  };
  return (
    <FormModal
      form={form}
      open={line !== null}
      title={line ? t('care.return.title', { name: line.recipient.name }) : ''}
      okText={t('care.return.submit')}
      pending={ret.isPending}
      onClose={onClose}
      onFinish={submit}
      initialValues={{ quantity: 1 }}
    >
      <Form.Item
        name="quantity"
        label={t('care.return.quantity')}
        extra={t('care.return.max', { count: max, unit: distribution.unit })}
        rules={[
          { required: true, type: 'integer', min: 1, message: t('care.common.positive') },
          { type: 'integer', max, message: t('care.handover.tooMany', { count: max }) },
        ]}
      >
        <InputNumber min={1} max={max} precision={0} suffix={distribution.unit} />
      </Form.Item>
      <ReasonField label={t('care.return.reason')} />
    </FormModal>
  );
}

/** Shows a pending hand-over's QR code again (the receiver was not at hand when it was saved). */
export function QrModal({ handover, name, onClose }: { handover: Handover | null; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={handover !== null}
      title={t('care.qr.title', { name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('care.common.done')}
        </Button>
      }
      destroyOnHidden
    >
      {handover?.confirmToken && <ConfirmQr token={handover.confirmToken} label={t('care.qr.alt', { name })} />}
    </Modal>
  );
}
