import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMemberArticles } from '../../../api/articles';
import { ApiError } from '../../../api/client';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import '../../../i18n/hotline';
import '../aid/aid.css';
import '../member.css';
import { ArticleCard } from './ArticleBits';
import './articles.css';

const PAGE_SIZE = 10;
/** The API serves at most 50 a page; older articles than that are not worth a phone's scrolling. */
const MAX_SHOWN = 50;

/** 宣传文章: the articles pushed to the member's union (or one above it), newest first, ten at a time. */
export default function ArticleListPage() {
  const { t } = useTranslation();
  const [pages, setPages] = useState(1);
  const list = useMemberArticles(Math.min(MAX_SHOWN, PAGE_SIZE * pages));
  const items = list.data?.items ?? [];
  const more = list.data ? list.data.total > items.length && items.length < MAX_SHOWN : false;

  return (
    <MemberShell
      title={t('hotline.member.listTitle')}
      back={{ to: '/', label: t('hotline.member.home') }}
      busy={list.isFetching}
    >
      <h1 className="uc-aid-h1">{t('hotline.member.listTitle')}</h1>
      {list.isPending ? (
        <FullPageLoading />
      ) : list.isError ? (
        <FullPageError
          message={list.error instanceof ApiError ? list.error.message : undefined}
          onRetry={() => void list.refetch()}
        />
      ) : items.length === 0 ? (
        <p className="uc-panel">{t('hotline.member.none')}</p>
      ) : (
        <ul className="uc-art-list" data-testid="article-list">
          {items.map((a) => (
            <li key={a.id}>
              <ArticleCard article={a} />
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button
          type="button"
          className="uc-button uc-button-secondary uc-button-block"
          disabled={list.isFetching}
          onClick={() => setPages((p) => p + 1)}
        >
          {list.isFetching ? t('common.loading') : t('hotline.member.more')}
        </button>
      )}
    </MemberShell>
  );
}
