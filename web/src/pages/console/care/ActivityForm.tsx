import { DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, type ActivityKind, useCreateActivity } from '../../../api/care';
import { UnionSelect } from './CareBits';
import { FormLines, FormModal, useFormSave } from './CareForm';

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
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const save = useFormSave(create, form);
  const submit = (v: Values) =>
    save(
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
      { done: t('care.activity.created'), reset: true, after: ({ id }) => onCreated(id) },
    );
  return (
    <FormModal
      form={form}
      open={open}
      title={t('care.activity.new')}
      okText={t('care.common.save')}
      pending={create.isPending}
      onClose={onClose}
      width={760}
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
      <FormLines
        name="places"
        legend={t('care.activity.places')}
        addText={t('care.activity.addPlace')}
        newLine={{}}
        removeLabel={(n) => t('care.activity.removePlace', { n })}
      >
        {(field) => (
          <>
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
          </>
        )}
      </FormLines>
      <FormLines
        name="teams"
        legend={t('care.activity.teams')}
        addText={t('care.activity.addTeam')}
        newLine={{}}
        removeLabel={(n) => t('care.activity.removeTeam', { n })}
      >
        {(field) => (
          <>
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
          </>
        )}
      </FormLines>
      <Form.Item name="notes" label={t('care.activity.notes')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
    </FormModal>
  );
}
