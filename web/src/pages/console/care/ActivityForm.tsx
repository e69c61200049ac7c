import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind, useCreateActivity } from '../../../api/care';
import { showProblem, UnionSelect } from './CareBits';

interface Values {
  title: string;
  kind: ActivityKind;
  unionId: string;
  range: [Dayjs, Dayjs];
  places?: { name: string; stationCode?: string; lng?: number; lat?: number }[];
  teams?: { name: string; leader: string }[];
  notes?: string;
}

/** 新建关爱活动: dates, places (a station code, or a place with coordinates such as a bus terminal), teams, notes. */
export function ActivityModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const submit = (v: Values) =>
    create.mutate(
      {
        title: v.title.trim(),
        kind: v.kind,
        unionId: v.unionId,
        startsOn: v.range[0].format('YYYY-MM-DD'),
        endsOn: v.range[1].format('YYYY-MM-DD'),
        places: (v.places ?? []).map((p) => ({
          name: p.name.trim(),
          stationCode: p.stationCode?.trim() || undefined,
          lng: p.lng ?? undefined,
          lat: p.lat ?? undefined,
        })),
        teams: (v.teams ?? []).map((tm) => ({ name: tm.name.trim(), leader: tm.leader.trim() })),
        notes: v.notes?.trim() || undefined,
      },
      {
        onSuccess: ({ id }) => {
          void message.success(t('care.activity.created'));
          form.resetFields();
          onCreated(id);
        },
        onError: (err) => showProblem(err, form, message),
      },
    );
  return (
    <Modal
      open={open}
      title={t('care.activity.new')}
      okText={t('care.common.save')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      width={760}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'summer_relief', places: [{}], teams: [] }}
      >
        <Form.Item name="title" label={t('care.activity.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('care.activity.namePlaceholder')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('care.activity.kind')} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 160 }}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`care.activityKind.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="unionId" label={t('care.activity.union')} rules={[{ required: true }]}>
            <UnionSelect />
          </Form.Item>
          <Form.Item name="range" label={t('care.activity.dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Space>
        <Form.List name="places">
          {(fields, { add, remove }) => (
            <fieldset className="uc-care-lines">
              <legend>{t('care.activity.places')}</legend>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('care.activity.placeName')}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input maxLength={100} placeholder={t('care.activity.placeHint')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'stationCode']} label={t('care.activity.stationCode')}>
                    <Input maxLength={40} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'lng']} label={t('care.activity.lng')}>
                    <InputNumber min={73} max={136} step={0.0001} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'lat']} label={t('care.activity.lat')}>
                    <InputNumber min={3} max={54} step={0.0001} style={{ width: 110 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('care.activity.removePlace', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                    className="uc-care-line-remove"
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('care.activity.addPlace')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Form.List name="teams">
          {(fields, { add, remove }) => (
            <fieldset className="uc-care-lines">
              <legend>{t('care.activity.teams')}</legend>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('care.activity.teamName')}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'leader']}
                    label={t('care.activity.leader')}
                    rules={[{ required: true, whitespace: true }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('care.activity.removeTeam', { n: i + 1 })}
                    onClick={() => remove(field.name)}
                    className="uc-care-line-remove"
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('care.activity.addTeam')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('care.activity.notes')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
