import {
  CheckCircleFilled,
  ExportOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Claim, documentUrl } from '../../../api/aid';

/**
 * The claim's documents beside its data: which required kinds are there, and the chosen one shown in place (images
 * inline, PDFs in the browser's viewer). Each view is audited by the server.
 */
export function DocumentViewer({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const docs = claim.documents;
  const current = docs.find((d) => d.id === chosen) ?? docs[0];
  const label = (type: string) => claim.requiredDocuments.find((r) => r.code === type)?.label ?? t('aid.docs.other');

  return (
    <Card
      size="small"
      className="uc-review-docs"
      title={t('aid.review.documents')}
      data-testid="document-viewer"
      extra={
        current && (
          <Button
            type="link"
            icon={<ExportOutlined />}
            href={documentUrl(claim.id, current.id)}
            target="_blank"
            rel="noopener"
          >
            {t('aid.review.openDoc')}
          </Button>
        )
      }
    >
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset would add a legend; a labelled group of tags is enough */}
      <div className="uc-required-docs" role="group" aria-label={t('aid.review.required')}>
        {claim.requiredDocuments.map((r) => (
          <Tag
            key={r.code}
            color={r.uploaded ? 'success' : 'warning'}
            icon={r.uploaded ? <CheckCircleFilled /> : <MinusCircleOutlined />}
            data-uploaded={r.uploaded}
          >
            {r.label} · {r.uploaded ? t('aid.review.uploaded') : t('aid.review.notUploaded')}
          </Tag>
        ))}
      </div>
      {docs.length === 0 || !current ? (
        <Empty description={t('aid.review.noDocuments')} />
      ) : (
        <>
          <Space wrap className="uc-doc-tabs" role="tablist">
            {docs.map((d) => (
              <Button
                key={d.id}
                role="tab"
                aria-selected={d.id === current.id}
                type={d.id === current.id ? 'primary' : 'default'}
                icon={d.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
                onClick={() => setChosen(d.id)}
                title={d.fileName}
              >
                {label(d.type)}
              </Button>
            ))}
          </Space>
          <div className="uc-doc-frame" role="tabpanel" data-testid="document-frame">
            {current.contentType === 'application/pdf' ? (
              <iframe
                key={current.id}
                src={documentUrl(claim.id, current.id)}
                title={`${label(current.type)} · ${current.fileName}`}
              />
            ) : (
              <img
                key={current.id}
                src={documentUrl(claim.id, current.id)}
                alt={`${label(current.type)} · ${current.fileName}`}
              />
            )}
          </div>
        </>
      )}
    </Card>
  );
}
