import { DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { IMPORT_TEMPLATE_URL, useImportJob, useStartImport, useUnions } from '../../api/console';
import type { ImportError, ImportJob } from '../../api/types';
import { downloadText, toCsv } from '../../lib/csv';
import { buildUnionTree, type UnionNode } from '../../lib/unionTree';

interface TreeOption {
  value: string;
  title: string;
  selectable: boolean;
  children: TreeOption[];
}

const STATUS_COLOR = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' } as const;

function JobReport({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t } = useTranslation();
  const done = job.status === 'succeeded' || job.status === 'failed';
  // a finished job is 100 % whatever `processed` says (a dry run may stop counting once it has its report)
  const percent = done ? 100 : job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;

  const downloadErrors = () => {
    const header = [t('import.colRow'), t('import.colColumn'), t('import.colMessage')];
    const rows = job.errors.map((e) => [e.row, e.column || e.field || '', e.message]);
    const base = job.fileName.replace(/\.[^.]+$/, '') || 'import';
    downloadText(`${base}-errors.csv`, toCsv(header, rows));
  };

  const stats: [string, number][] = [
    [t('import.total'), job.total],
    [t('import.processed'), job.processed],
    [t('import.inserted'), job.inserted],
    [t('import.updated'), job.updated],
    [t('import.unchanged'), job.unchanged],
    [t('import.skipped'), job.skipped],
  ];

  return (
    <Card
      size="small"
      className="uc-import-report"
      data-testid="import-report"
      data-status={job.status}
      title={
        <Space wrap>
          <FileExcelOutlined aria-hidden="true" />
          <span>{job.fileName}</span>
          <Tag color={STATUS_COLOR[job.status]}>{t(`import.status.${job.status}`)}</Tag>
          {job.dryRun && <Tag color="blue">{t('import.dryRunTag')}</Tag>}
        </Space>
      }
      extra={
        done && (
          <Button icon={<ReloadOutlined />} onClick={onAgain}>
            {t('import.again')}
          </Button>
        )
      }
    >
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : done ? 'success' : 'active'}
        aria-label={t('import.progress')}
        format={() => `${job.processed} / ${job.total}`}
      />
      <Row gutter={[16, 8]} className="uc-import-stats">
        {stats.map(([label, value]) => (
          <Col key={label} xs={12} sm={8} md={4}>
            <Statistic title={label} value={value} />
          </Col>
        ))}
      </Row>
      {job.message && (
        <Alert type={job.status === 'failed' ? 'error' : 'info'} showIcon title={job.message} className="uc-gap" />
      )}
      {done && (
        <>
          <Space className="uc-import-errors-head" wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('import.errors')} ({job.errors.length})
            </Typography.Title>
            {job.errors.length > 0 && (
              <Button icon={<DownloadOutlined />} onClick={downloadErrors}>
                {t('import.downloadErrors')}
              </Button>
            )}
          </Space>
          {job.errors.length === 0 ? (
            <Typography.Paragraph type="success">{t('import.noErrors')}</Typography.Paragraph>
          ) : (
            <Table<ImportError & { key: number }>
              className="uc-import-errors"
              size="small"
              dataSource={job.errors.map((e, key) => ({ ...e, key }))}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('import.colRow'), dataIndex: 'row', width: 90 },
                {
                  title: t('import.colColumn'),
                  dataIndex: 'column',
                  width: 160,
                  render: (column: string | null, e) => column || e.field || '—',
                },
                { title: t('import.colMessage'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}

/** 批量导入: pick the target union, upload CSV/XLSX, follow progress, read and download the error report. */
export default function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const unions = useUnions();
  const start = useStartImport();
  const ids = { union: useId(), file: useId() };

  const own = me.data?.union;
  const ownWorkplace = own && (own.kind === 'workplace' || own.kind === 'home') ? own.id : undefined;
  const [unionId, setUnionId] = useState<string | undefined>(ownWorkplace);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState(false);
  const [dryRun, setDryRun] = useState(true);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useImportJob(jobId);

  const treeData = useMemo(() => {
    const toOption = (node: UnionNode): TreeOption => ({
      value: node.union.id,
      title: `${node.union.name}${t('common.inParens', { text: node.union.code })}`,
      // members join a workplace union or one of its 职工小家; federations above them can't hold members
      selectable: node.union.kind === 'workplace' || node.union.kind === 'home',
      children: node.children.map(toOption),
    });
    return buildUnionTree(unions.data ?? []).map(toOption);
  }, [unions.data, t]);

  const submit = async () => {
    if (!file) {
      setFileError(true);
      return;
    }
    const res = await start.mutateAsync({ file, unionId, dryRun, skipInvalid });
    setJobId(res.id);
  };

  const reset = () => {
    setJobId(null);
    setFile(null);
    start.reset();
  };

  return (
    <div className="uc-import">
      <Card size="small">
        <h1 className="uc-page-title">{t('import.title')}</h1>
        <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
        <Typography.Paragraph>
          <a href={IMPORT_TEMPLATE_URL} download>
            <DownloadOutlined aria-hidden="true" /> {t('import.template')}
          </a>
        </Typography.Paragraph>

        <Form layout="vertical" className="uc-import-form" onFinish={() => void submit().catch(() => undefined)}>
          <Form.Item label={t('import.union')} htmlFor={ids.union} extra={t('import.unionHelp')}>
            <TreeSelect
              id={ids.union}
              className="uc-import-union"
              showSearch={{ treeNodeFilterProp: 'title' }}
              allowClear
              treeDefaultExpandAll
              placeholder={t('import.unionPlaceholder')}
              value={unionId}
              onChange={(v) => setUnionId(v ?? undefined)}
              treeData={treeData}
              loading={unions.isPending}
              disabled={jobId !== null}
            />
          </Form.Item>
          <Form.Item
            label={t('import.file')}
            htmlFor={ids.file}
            required
            validateStatus={fileError ? 'error' : undefined}
            help={fileError ? t('import.fileRequired') : undefined}
          >
            <Upload.Dragger
              id={ids.file}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              multiple={false}
              disabled={jobId !== null}
              beforeUpload={(f) => {
                setFile(f);
                setFileError(false);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'file', name: file.name, size: file.size, status: 'done' }] : []}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden="true" />
              </p>
              <p className="ant-upload-text">{t('import.chooseFile')}</p>
              <p className="ant-upload-hint">CSV (UTF-8 / GB18030) · XLSX</p>
            </Upload.Dragger>
          </Form.Item>
          <Form.Item>
            <Space orientation="vertical" size={4}>
              <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} disabled={jobId !== null}>
                {t('import.dryRun')}
              </Checkbox>
              <Checkbox
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.target.checked)}
                disabled={jobId !== null}
              >
                {t('import.skipInvalid')}
              </Checkbox>
            </Space>
          </Form.Item>
          {start.error && (
            <Alert type="error" showIcon title={t('import.submitFailed')} description={start.error.message} />
          )}
          <Form.Item className="uc-gap">
            <Button type="primary" htmlType="submit" loading={start.isPending} disabled={jobId !== null} size="large">
              {dryRun ? t('import.startDryRun') : t('import.start')}
            </Button>
          </Form.Item>
        </Form>
      </Card>

      {job.data && <JobReport job={job.data} onAgain={reset} />}
      {job.isError && <Alert type="error" showIcon title={job.error.message} className="uc-gap" />}
    </div>
  );
}
