import { DatePicker, Form, Input, InputNumber, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type ItemKind, type Movement, useCreateCorrection, useCreateItem, useCreateReceipt } from '../../../api/care';
import { ItemSelect, UnionSelect } from './CareBits';
import { FormLines, FormModal, ReasonField, useFormSave } from './CareForm';

interface ModalProps {
  open: boolean;
  onClose: () => void;
}

interface ReceiptValues {
  unionId: string;
  source: 'purchase' | 'donation';
  fundingSource: string;
  supplier?: string;
  receivedOn: Dayjs;
  lines: { itemId: string; quantity: number; batch?: string }[];
}

/** 入库登记: a purchase or a donation into one union's stock, several lines, each with an optional batch. */
export function ReceiptModal({ open, onClose, unionId }: ModalProps & { unionId?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReceiptValues>();
  const create = useCreateReceipt();
  const save = useFormSave(create, form);
  const submit = (v: ReceiptValues) =>
    save(
      {
        unionId: v.unionId,
        source: v.source,
        fundingSource: v.fundingSource.trim(),
        supplier: v.supplier?.trim() || undefined,
        receivedOn: v.receivedOn.format('YYYY-MM-DD'),
        lines: v.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, batch: l.batch?.trim() || undefined })),
      },
      { done: t('care.receipt.done'), reset: true, after: onClose },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.receipt.title')}
      okText={t('care.receipt.submit')}
      pending={create.isPending}
      onClose={onClose}
      width={720}
      onFinish={submit}
      initialValues={{ unionId, source: 'purchase', receivedOn: dayjs(), lines: [{ quantity: 1 }] }}
    >
      <Form.Item name="unionId" label={t('care.receipt.union')} rules={[{ required: true }]}>
        <UnionSelect pickSole />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item name="source" label={t('care.receipt.source')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'purchase', label: t('care.receipt.purchase') },
              { value: 'donation', label: t('care.receipt.donation') },
            ]}
          />
        </Form.Item>
        <Form.Item name="receivedOn" label={t('care.receipt.receivedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item
        name="fundingSource"
        label={t('care.receipt.fundingSource')}
        rules={[{ required: true, whitespace: true, message: t('care.receipt.fundingRequired') }]}
      >
        <Input placeholder={t('care.receipt.fundingPlaceholder')} maxLength={200} />
      </Form.Item>
      <Form.Item name="supplier" label={t('care.receipt.supplier')}>
        <Input maxLength={200} />
      </Form.Item>
      <FormLines
        name="lines"
        legend={t('care.receipt.lines')}
        addText={t('care.receipt.addLine')}
        newLine={{ quantity: 1 }}
        removeLabel={(n) => t('care.receipt.removeLine', { n })}
        keepOne
      >
        {(field) => (
          <>
            <Form.Item
              name={[field.name, 'itemId']}
              label={t('care.common.item')}
              rules={[{ required: true, message: t('care.common.pickItem') }]}
            >
              <ItemSelect />
            </Form.Item>
            <Form.Item
              name={[field.name, 'quantity']}
              label={t('care.common.quantity')}
              rules={[{ required: true, type: 'integer', min: 1, message: t('care.common.positive') }]}
            >
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name={[field.name, 'batch']} label={t('care.receipt.batch')}>
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
      </FormLines>
    </FormModal>
  );
}

interface CorrectionValues {
  unionId: string;
  itemId: string;
  quantity: number;
  reason: string;
}

/**
 * 库存更正: a new signed movement with a reason. The ledger is append-only, so a mistake is never edited; when opened
 * from a ledger row the correction names the movement it corrects.
 */
export function CorrectionModal({
  open,
  onClose,
  movement,
  unionId,
}: ModalProps & { movement?: Movement | null; unionId?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CorrectionValues>();
  const create = useCreateCorrection();
  const save = useFormSave(create, form);
  const submit = (v: CorrectionValues) =>
    save(
      {
        unionId: v.unionId,
        itemId: v.itemId,
        quantity: v.quantity,
        reason: v.reason.trim(),
        correctsMovementId: movement?.id,
      },
      { done: t('care.correction.done'), reset: true, after: onClose },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.correction.title')}
      okText={t('care.correction.submit')}
      pending={create.isPending}
      onClose={onClose}
      intro={t('care.correction.intro')}
      onFinish={submit}
      initialValues={{
        unionId: movement?.unionId ?? unionId,
        itemId: movement?.itemId,
        quantity: movement ? -movement.quantity : undefined,
      }}
    >
      <Form.Item name="unionId" label={t('care.common.union')} rules={[{ required: true }]}>
        <UnionSelect pickSole />
      </Form.Item>
      <Form.Item name="itemId" label={t('care.common.item')} rules={[{ required: true }]}>
        <ItemSelect />
      </Form.Item>
      <Form.Item
        name="quantity"
        label={t('care.correction.quantity')}
        extra={t('care.correction.quantityHint')}
        rules={[
          { required: true, type: 'integer', message: t('care.correction.quantityRequired') },
          {
            validator: (_, v) =>
              v === 0 ? Promise.reject(new Error(t('care.correction.quantityRequired'))) : Promise.resolve(),
          },
        ]}
      >
        <InputNumber precision={0} />
      </Form.Item>
      <ReasonField label={t('care.correction.reason')} />
    </FormModal>
  );
}

interface ItemValues {
  name: string;
  unit: string;
  kind: ItemKind;
  components?: { itemId: string; quantity: number }[];
}

/** 新增物资: a plain item, or a kit with its bill of items (e.g. a fitness kit of 14 kinds). */
export function ItemModal({ open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ItemValues>();
  const kind = Form.useWatch('kind', form);
  const create = useCreateItem();
  const save = useFormSave(create, form);
  const submit = (v: ItemValues) =>
    save(
      {
        name: v.name.trim(),
        unit: v.unit.trim(),
        kind: v.kind,
        components: v.kind === 'kit' ? v.components : undefined,
      },
      { done: t('care.item.done'), reset: true, after: onClose },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.item.title')}
      okText={t('care.item.submit')}
      pending={create.isPending}
      onClose={onClose}
      width={640}
      onFinish={submit}
      initialValues={{ kind: 'item', unit: '件', components: [{ quantity: 1 }] }}
    >
      <Form.Item name="kind" label={t('care.item.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'item', label: t('care.kind.item') },
            { value: 'kit', label: t('care.kind.kit') },
          ]}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="name" label={t('care.item.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unit" label={t('care.item.unit')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={10} style={{ width: 100 }} />
        </Form.Item>
      </Space>
      {kind === 'kit' && (
        <FormLines
          name="components"
          legend={t('care.item.bill')}
          addText={t('care.item.addComponent')}
          newLine={{ quantity: 1 }}
          removeLabel={(n) => t('care.receipt.removeLine', { n })}
          keepOne
          labelled={false}
        >
          {(field) => (
            <>
              <Form.Item name={[field.name, 'itemId']} rules={[{ required: true }]}>
                <ItemSelect kind="item" />
              </Form.Item>
              <Form.Item name={[field.name, 'quantity']} rules={[{ required: true, type: 'integer', min: 1 }]}>
                <InputNumber min={1} precision={0} aria-label={t('care.common.quantity')} />
              </Form.Item>
            </>
          )}
        </FormLines>
      )}
    </FormModal>
  );
}
