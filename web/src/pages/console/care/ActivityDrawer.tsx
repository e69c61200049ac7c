import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Image,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useActivity,
  useActivityHandout,
  useActivityPhoto,
  useActivityReach,
  useActivityReport,
} from '../../../api/care';
import { formatDate } from '../../../lib/dates';
import { ActivityModal } from './ActivityForm';
import { ItemSelect } from './CareBits';
import { InlineForm, useFormSave } from './CareForm';

/** Which of the activity's places a row is for. */
function PlaceField({ places }: { places: string[] }) {
  const { t } = useTranslation();
  return (
    <Form.Item name="placeName" rules={[{ required: true }]}>
      <Select
        style={{ minWidth: 140 }}
        aria-label={t('care.activity.placeName')}
        options={places.map((p) => ({ value: p, label: p }))}
      />
    </Form.Item>
  );
}

function HandoutForm({ id, places }: { id: string; places: string[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ itemId: string; quantity: number; placeName: string; handedOn: Dayjs }>();
  const add = useActivityHandout(id);
  const save = useFormSave(add, form);
  return (
    <InlineForm
      form={form}
      label={t('care.activity.handoutForm')}
      submitText={t('care.activity.addHandout')}
      pending={add.isPending}
      primary
      initialValues={{ quantity: 1, placeName: places[0], handedOn: dayjs() }}
      onFinish={(v) =>
        save(
          { itemId: v.itemId, quantity: v.quantity, placeName: v.placeName, handedOn: v.handedOn.format('YYYY-MM-DD') },
          { done: t('care.activity.handoutDone'), reset: ['quantity'] },
        )
      }
    >
      <Form.Item name="itemId" rules={[{ required: true, message: t('care.common.pickItem') }]}>
        <ItemSelect />
      </Form.Item>
      <Form.Item name="quantity" rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} precision={0} aria-label={t('care.common.quantity')} />
      </Form.Item>
      <PlaceField places={places} />
      <Form.Item name="handedOn" rules={[{ required: true }]}>
        <DatePicker aria-label={t('care.activity.date')} />
      </Form.Item>
    </InlineForm>
  );
}

function ReachForm({ id, places }: { id: string; places: string[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ people: number; placeName: string; date: Dayjs }>();
  const add = useActivityReach(id);
  const save = useFormSave(add, form);
  return (
    <InlineForm
      form={form}
      label={t('care.activity.reachForm')}
      submitText={t('care.activity.addReach')}
      pending={add.isPending}
      initialValues={{ placeName: places[0], date: dayjs() }}
      onFinish={(v) =>
        save(
          { people: v.people, placeName: v.placeName, date: v.date.format('YYYY-MM-DD') },
          { done: t('care.activity.reachDone'), reset: ['people'] },
        )
      }
    >
      <Form.Item
        name="people"
        rules={[{ required: true, type: 'integer', min: 1, message: t('care.common.positive') }]}
      >
        <InputNumber
          min={1}
          precision={0}
          aria-label={t('care.activity.people')}
          placeholder={t('care.activity.people')}
        />
      </Form.Item>
      <PlaceField places={places} />
      <Form.Item name="date" rules={[{ required: true }]}>
        <DatePicker aria-label={t('care.activity.date')} />
      </Form.Item>
    </InlineForm>
  );
}

/**
 * One activity: what was handed out where, people reached, photos, and the forms to record more. Staff who may
 * manage care (the drawer only opens activities of their own subtree, where the API lets them change it) can edit it.
 */
export function ActivityDrawer({
  id,
  canManage,
  onClose,
}: {
  id: string | null;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const activity = useActivity(id ?? undefined);
  const report = useActivityReport(id ?? undefined);
  const photo = useActivityPhoto(id ?? '');
  const a = activity.data;
  const places = a?.places.map((p) => p.name) ?? [];
  const [editing, setEditing] = useState(false);

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setEditing(false);
        onClose();
      }}
      size="large"
      title={a?.title ?? t('common.loading')}
      destroyOnHidden
      extra={
        canManage &&
        a && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t('care.activity.edit')}
          </Button>
        )
      }
    >
      {a && <ActivityModal open={editing} activity={a} onClose={() => setEditing(false)} />}
      {activity.isPending ? (
        <Skeleton active />
      ) : activity.isError ? (
        <Alert type="error" showIcon title={activity.error.message} />
      ) : (
        a && (
          <Space orientation="vertical" size="large" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'kind', label: t('care.activity.kind'), children: t(`care.activityKind.${a.kind}`) },
                { key: 'union', label: t('care.activity.union'), children: a.unionName },
                {
                  key: 'dates',
                  label: t('care.activity.dates'),
                  children: `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`,
                },
                {
                  key: 'places',
                  label: t('care.activity.places'),
                  children: places.join(t('common.listSeparator')) || '—',
                },
                {
                  key: 'teams',
                  label: t('care.activity.teams'),
                  children:
                    a.teams
                      .map((tm) => `${tm.name}${t('common.inParens', { text: tm.leader })}`)
                      .join(t('common.listSeparator')) || '—',
                },
                { key: 'reached', label: t('care.activity.peopleReached'), children: a.peopleReached },
                { key: 'notes', label: t('care.activity.notes'), children: a.notes ?? '—' },
              ]}
            />
            <section aria-labelledby="activity-report">
              <Typography.Title level={3} id="activity-report" className="uc-care-h3">
                {t('care.activity.report')}
              </Typography.Title>
              {report.data && (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Table
                    size="small"
                    rowKey="itemId"
                    pagination={false}
                    dataSource={report.data.byItem}
                    columns={[
                      { title: t('care.common.item'), dataIndex: 'itemName' },
                      {
                        title: t('care.common.quantity'),
                        dataIndex: 'quantity',
                        align: 'right',
                        render: (q: number, r) => `${q} ${r.unit}`,
                      },
                    ]}
                  />
                  <Table
                    size="small"
                    rowKey="placeName"
                    pagination={false}
                    dataSource={report.data.byPlace}
                    columns={[
                      { title: t('care.activity.placeName'), dataIndex: 'placeName' },
                      { title: t('care.activity.people'), dataIndex: 'peopleReached', align: 'right' },
                      { title: t('care.activity.handedOut'), dataIndex: 'itemsHandedOut', align: 'right' },
                    ]}
                  />
                </Space>
              )}
            </section>
            {canManage && places.length > 0 && (
              <section aria-label={t('care.activity.record')}>
                <Typography.Title level={3} className="uc-care-h3">
                  {t('care.activity.record')}
                </Typography.Title>
                {/* keyed by the places: after an edit they start again from the activity's places as they are now */}
                <HandoutForm key={`handout ${places.join('|')}`} id={a.id} places={places} />
                <ReachForm key={`reach ${places.join('|')}`} id={a.id} places={places} />
              </section>
            )}
            <section aria-labelledby="activity-photos">
              <Typography.Title level={3} id="activity-photos" className="uc-care-h3">
                {t('care.activity.photos')}
              </Typography.Title>
              <Image.PreviewGroup>
                <Space wrap>
                  {a.photos.map((p) => (
                    <Image
                      key={p.id}
                      src={p.url}
                      width={120}
                      height={90}
                      alt={p.caption ?? a.title}
                      style={{ objectFit: 'cover' }}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
              {canManage && (
                <Upload
                  accept="image/jpeg,image/png,image/webp"
                  showUploadList={false}
                  customRequest={({ file, onSuccess, onError }) =>
                    photo.mutate(
                      { file: file as File },
                      {
                        onSuccess: (r) => {
                          onSuccess?.(r);
                          void message.success(t('care.activity.photoDone'));
                        },
                        onError: (err) => {
                          onError?.(err);
                          void message.error(err.message);
                        },
                      },
                    )
                  }
                >
                  <Button icon={<UploadOutlined />} loading={photo.isPending} className="uc-mt">
                    {t('care.activity.addPhoto')}
                  </Button>
                </Upload>
              )}
            </section>
          </Space>
        )
      )}
    </Drawer>
  );
}
