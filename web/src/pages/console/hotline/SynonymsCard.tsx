import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, List, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { type Synonym, useDeleteSynonym, useSaveSynonym, useSynonyms } from '../../../api/hotline';

function SynonymRow({ synonym, onDone }: { synonym: Synonym | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [terms, setTerms] = useState<string[]>(synonym?.terms ?? []);
  const save = useSaveSynonym();
  const clean = [...new Set(terms.map((x) => x.trim()).filter(Boolean))];
  return (
    <Space.Compact className="uc-synonym-edit" style={{ width: '100%' }}>
      <Select
        mode="tags"
        open={false}
        autoFocus
        value={terms}
        onChange={setTerms}
        tokenSeparators={[',', '，', ' ', '、']}
        placeholder={t('hotline.synonyms.placeholder')}
        aria-label={t('hotline.synonyms.placeholder')}
        style={{ flex: 1 }}
        status={save.isError ? 'error' : undefined}
        data-testid="synonym-terms"
      />
      <Button
        type="primary"
        disabled={clean.length < 2 || clean.length > 20}
        loading={save.isPending}
        onClick={() =>
          save.mutate(
            { id: synonym?.id, terms: clean },
            {
              onSuccess: () => {
                message.success(t('hotline.synonyms.saved'));
                onDone();
              },
              onError: (err) => message.error(err instanceof ApiError ? err.message : t('common.network')),
            },
          )
        }
      >
        {t('hotline.kb.save')}
      </Button>
      <Button onClick={onDone}>{t('common.cancel')}</Button>
    </Space.Compact>
  );
}

/** 同义词: groups of words that mean the same to callers ("暖气管" ~ "水暖管"), used by every search at once. */
export function SynonymsCard() {
  const { t } = useTranslation();
  const synonyms = useSynonyms();
  const remove = useDeleteSynonym();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  return (
    <div className="uc-synonyms" data-testid="synonyms">
      <Typography.Paragraph type="secondary">{t('hotline.synonyms.intro')}</Typography.Paragraph>
      {editing === 'new' ? (
        <SynonymRow synonym={null} onDone={() => setEditing(null)} />
      ) : (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('hotline.synonyms.add')}
        </Button>
      )}
      {synonyms.isError && <Alert type="error" showIcon title={synonyms.error.message} />}
      <List
        loading={synonyms.isPending}
        dataSource={synonyms.data ?? []}
        renderItem={(s) =>
          editing === s.id ? (
            <List.Item>
              <SynonymRow synonym={s} onDone={() => setEditing(null)} />
            </List.Item>
          ) : (
            <List.Item
              actions={[
                <Button
                  key="edit"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('hotline.synonyms.edit')}
                  onClick={() => setEditing(s.id)}
                />,
                <Popconfirm key="del" title={t('hotline.synonyms.deleteConfirm')} onConfirm={() => remove.mutate(s.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('hotline.synonyms.delete')} />
                </Popconfirm>,
              ]}
            >
              <span className="uc-synonym-terms">
                {s.terms.map((x, i) => (
                  <span key={x}>
                    {i > 0 && <span aria-hidden="true">≈ </span>}
                    <Tag>{x}</Tag>
                  </span>
                ))}
              </span>
            </List.Item>
          )
        }
      />
    </div>
  );
}
