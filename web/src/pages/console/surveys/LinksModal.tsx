import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, InputNumber, List, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicLinkUrl, type Survey, type SurveyLink, useCreateLinks } from '../../../api/surveys';
import { downloadText, toCsv } from '../../../lib/csv';

/** 单次答题链接: links (and their QR codes) for workers without an account; each answers the survey once. */
export function LinksModal({ survey, open, onClose }: { survey: Survey; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [count, setCount] = useState(5);
  const [links, setLinks] = useState<SurveyLink[]>([]);
  const create = useCreateLinks(survey.id);

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(t('surveys.links.copied'));
    } catch {
      void message.error(t('surveys.links.copyFailed'));
    }
  };

  const downloadCsv = () => {
    const csv = toCsv(
      [t('surveys.links.url')],
      links.map((l) => [publicLinkUrl(l)]),
    );
    downloadText(`${survey.definition.title}-links.csv`, csv);
  };

  return (
    <Modal open={open} title={t('surveys.links.title')} onCancel={onClose} footer={null} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('surveys.links.intro')}</Typography.Paragraph>
      <Space wrap className="uc-svb-gap">
        <label htmlFor="sv-link-count">{t('surveys.links.count')}</label>
        <InputNumber id="sv-link-count" min={1} max={500} value={count} onChange={(v) => setCount(v ?? 1)} />
        <Button
          type="primary"
          loading={create.isPending}
          data-testid="links-create"
          onClick={() => create.mutate(count, { onSuccess: (items) => setLinks((prev) => [...items, ...prev]) })}
        >
          {t('surveys.links.create')}
        </Button>
        {links.length > 0 && (
          <>
            <Button icon={<CopyOutlined />} onClick={() => void copy(links.map(publicLinkUrl).join('\n'))}>
              {t('surveys.links.copyAll')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={downloadCsv}>
              {t('surveys.links.csv')}
            </Button>
          </>
        )}
      </Space>
      {create.isError && <Alert type="error" showIcon title={create.error.message} className="uc-svb-gap" />}
      <List
        className="uc-svl-links"
        dataSource={links}
        locale={{ emptyText: t('surveys.links.none') }}
        renderItem={(link) => (
          <List.Item data-testid="survey-link">
            <img src={link.qrUrl} alt={t('surveys.links.qrAlt')} width={112} height={112} className="uc-svl-qr" />
            <Space direction="vertical" size={4} className="uc-svl-linkbody">
              <Typography.Text
                copyable={{ text: publicLinkUrl(link) }}
                className="uc-svl-url"
                data-testid="survey-link-url"
              >
                {publicLinkUrl(link)}
              </Typography.Text>
              <Typography.Text type="secondary">{t('surveys.links.singleUse')}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Modal>
  );
}
