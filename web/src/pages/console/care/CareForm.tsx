import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Form, type FormInstance, type FormListFieldData, Input, Modal, Space } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import type { ReactNode, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { showProblem } from './CareBits';

/**
 * The care console's forms: a write behind a form, the dialog that holds one, the one-line form in a drawer, and a
 * form's list of lines (receipt lines, a kit's bill, places, teams).
 */

interface SaveOptions<O> {
  /** the success message */
  done: string;
  /** clear the form afterwards: all of it, or only the fields named */
  reset?: true | NamePath[];
  /** what else happens on success (close the dialog, open what was made) */
  after?: (result: O) => void;
}

/**
 * Sends a form's input through a mutation: on success a message, the form reset if asked, then `after`; on failure
 * the server's field errors beside the form's fields and anything else as a message.
 */
export function useFormSave<I, O>(mutation: UseMutationResult<O, Error, I>, form: FormInstance) {
  const { message } = App.useApp();
  return (input: I, { done, reset, after }: SaveOptions<O>) =>
    mutation.mutate(input, {
      onSuccess: (result) => {
        void message.success(done);
        if (reset) form.resetFields(reset === true ? undefined : reset);
        after?.(result);
      },
      onError: (err) => showProblem(err, form, message),
    });
}

/** What the form shells below take for the form itself. */
interface FormShellProps<V> {
  form: FormInstance<V>;
  /** the write is under way: the submit button shows it */
  pending: boolean;
  initialValues?: Record<string, unknown>;
  onFinish: (values: V) => void;
  /** the form's fields */
  children: ReactNode;
}

/** A dialog around a vertical form: OK submits it, shows the write pending, and the contents go when it closes. */
export function FormModal<V>({
  form,
  pending,
  initialValues,
  onFinish,
  children,
  open,
  title,
  okText,
  onClose,
  width,
  intro,
  after,
}: FormShellProps<V> & {
  open: boolean;
  title: ReactNode;
  okText: string;
  onClose: () => void;
  width?: number;
  /** a line above the form */
  intro?: string;
  /** what follows the form inside the dialog (a signature pad) */
  after?: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      confirmLoading={pending}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      {intro && <p className="uc-muted">{intro}</p>}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {children}
      </Form>
      {after}
    </Modal>
  );
}

/** A form on one line (inside a drawer) that records one more row, with its submit button last. */
export function InlineForm<V>({
  form,
  pending,
  initialValues,
  onFinish,
  children,
  label,
  submitText,
  primary = false,
}: FormShellProps<V> & {
  /** the form's accessible name */
  label: string;
  submitText: string;
  primary?: boolean;
}) {
  return (
    <Form
      form={form}
      layout="inline"
      className="uc-care-inline-form"
      aria-label={label}
      initialValues={initialValues}
      onFinish={onFinish}
    >
      {children}
      <Button htmlType="submit" type={primary ? 'primary' : undefined} loading={pending}>
        {submitText}
      </Button>
    </Form>
  );
}

/**
 * Stands for a form list as one field of the form (it renders nothing and ignores the list's value): a server error
 * about the whole list (`body.places`: places with handouts must stay) then counts as a field error of the form, and
 * `FormLines` shows it under the lines instead of as a message.
 */
function WholeList({ ref }: { ref?: Ref<HTMLSpanElement> }) {
  return <span ref={ref} hidden />;
}

/**
 * A form list as a framed group of lines, each with a remove button, and a button that adds one more; errors about
 * the list as a whole show under its lines.
 */
export function FormLines({
  name,
  legend,
  addText,
  newLine,
  removeLabel,
  keepOne = false,
  labelled = true,
  children,
}: {
  name: string;
  legend: string;
  addText: string;
  /** the values a new line starts with */
  newLine: Record<string, unknown>;
  /** the remove button's accessible name for line n (from 1) */
  removeLabel: (n: number) => string;
  /** the last line stays: no remove button while there is only one */
  keepOne?: boolean;
  /** the line's fields have labels above them, so the remove button moves down to their inputs */
  labelled?: boolean;
  children: (field: FormListFieldData) => ReactNode;
}) {
  const form = Form.useFormInstance();
  // Adding or removing a line answers what the server said about the list; its next answer comes with the save.
  const clearErrors = () => form.setFields([{ name, errors: [] }]);
  return (
    <>
      {/* outside the list: inside it, names are relative to the list's lines */}
      <Form.Item name={name} noStyle>
        <WholeList />
      </Form.Item>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <fieldset className="uc-care-lines">
            <legend>{legend}</legend>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap>
                {children(field)}
                {(!keepOne || fields.length > 1) && (
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={removeLabel(i + 1)}
                    onClick={() => {
                      remove(field.name);
                      clearErrors();
                    }}
                    className={labelled ? 'uc-care-line-remove' : undefined}
                  />
                )}
              </Space>
            ))}
            {/* a Form.Item around them so the errors look like any field's */}
            <Form.Item style={{ marginBottom: 0 }}>
              <div aria-live="polite">
                <Form.ErrorList errors={errors} />
              </div>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  add(newLine);
                  clearErrors();
                }}
              >
                {addText}
              </Button>
            </Form.Item>
          </fieldset>
        )}
      </Form.List>
    </>
  );
}

/** The reason that a stock correction or a return must give. */
export function ReasonField({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[{ required: true, whitespace: true, min: 2, message: t('care.correction.reasonRequired') }]}
    >
      <Input.TextArea rows={3} maxLength={500} />
    </Form.Item>
  );
}
