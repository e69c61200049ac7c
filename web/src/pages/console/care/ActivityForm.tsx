import { App, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_KINDS,
  type ActivityDetail,
  type ActivityInput,
  type ActivityKind,
  type ActivityPatch,
  useCreateActivity,
  useUpdateActivity,
} from '../../../api/care';
import { UnionSelect } from './CareBits';
import { FormLines, FormModal, useFormSave } from './CareForm';

type Values = {
  title: string;
  kind: ActivityKind;
  unionId?: string;
  range: [Dayjs, Dayjs];
  places?: { name: string; stationCode?: string; lng?: number; lat?: number }[];
  teams?: { name: string; leader: string; members?: string[] }[];
  notes?: string;
};

/** The fields of an activity that the form edits: all but the union (a PATCH cannot move an activity). */
type Fields = Required<ActivityPatch>;

function toFields(v: Values): Fields {
  return {
    title: v.title.trim(),
    kind: v.kind,
    startsOn: v.range[0].format('YYYY-MM-DD'),
    endsOn: v.range[1].format('YYYY-MM-DD'),
    places: (v.places ?? []).map((p) => ({
      name: p.name.trim(),
      stationCode: p.stationCode?.trim() || undefined,
      lng: p.lng ?? undefined,
      lat: p.lat ?? undefined,
    })),
    teams: (v.teams ?? []).map((tm) => ({
      name: tm.name.trim(),
      leader: tm.leader.trim(),
      ...(tm.members?.length ? { members: tm.members } : {}),
    })),
    notes: v.notes?.trim() ?? '',
  };
}

/**
 * An activity as the form's values. A place at a station keeps only its code (the server fills in the station's
 * coordinates, also after the code is changed); a place elsewhere keeps its coordinates.
 */
function toValues(a: ActivityDetail): Values {
  return {
    title: a.title,
    kind: a.kind,
    range: [dayjs(a.startsOn), dayjs(a.endsOn)],
    places: a.places.map((p) =>
      p.stationCode
        ? { name: p.name, stationCode: p.stationCode }
        : { name: p.name, lng: p.lng ?? undefined, lat: p.lat ?? undefined },
    ),
    teams: a.teams.map((tm) => ({ name: tm.name, leader: tm.leader, members: tm.members })),
    notes: a.notes ?? '',
  };
}

/** Only what differs from the activity as it is (the audit log records which fields a change touched). */
function changes(before: Fields, after: Fields): ActivityPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Fields)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as ActivityPatch;
}

/**
 * 新建 / 编辑关爱活动: dates, places (a station code, or a place with coordinates such as a bus terminal), teams,
 * notes. With `activity` the form edits that activity: prefilled from it, the union shown but fixed, and only the
 * changed fields sent; the server's errors (a place that has handouts cannot go) show under their fields.
 */
export function ActivityModal({
  open,
  onClose,
  onCreated,
  activity,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (id: string) => void;
  activity?: ActivityDetail;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateActivity();
  const update = useUpdateActivity(activity?.id ?? '');
  const saveNew = useFormSave(create, form);
  const saveChanges = useFormSave(update, form);

  const submit = (v: Values) => {
    // The teams' members are not fields of the form: they stay as the activity had them.
    const fields = toFields({
      ...v,
      teams: v.teams?.map((tm, i) => ({ ...tm, members: form.getFieldValue(['teams', i, 'members']) })),
    });
    if (!activity) {
      const input: ActivityInput = { ...fields, unionId: v.unionId ?? '', notes: fields.notes || undefined };
      saveNew(input, { done: t('care.activity.created'), reset: true, after: ({ id }) => onCreated?.(id) });
      return;
    }
    const patch = changes(toFields(toValues(activity)), fields);
    if (Object.keys(patch).length === 0) {
      void message.info(t('care.activity.unchanged'));
      onClose();
      return;
    }
    saveChanges(patch, { done: t('care.activity.saved'), after: onClose });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={activity ? t('care.activity.editTitle') : t('care.activity.new')}
      okText={t('care.common.save')}
      pending={activity ? update.isPending : create.isPending}
      onClose={onClose}
      width={760}
      onFinish={submit}
      initialValues={activity ? toValues(activity) : { kind: 'summer_relief', places: [{}], teams: [] }}
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
        {activity ? (
          <Form.Item label={t('care.activity.union')} htmlFor="activity-union" extra={t('care.activity.unionFixed')}>
            <Input id="activity-union" value={activity.unionName} disabled style={{ minWidth: 240 }} />
          </Form.Item>
        ) : (
          <Form.Item name="unionId" label={t('care.activity.union')} rules={[{ required: true }]}>
            <UnionSelect pickSole />
          </Form.Item>
        )}
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
