import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMemberArticles } from '../../../api/articles';
import '../../../i18n/hotline';
import { ArticleCard } from './ArticleBits';
import './articles.css';

/** 最新文章 on the member's home page: the three newest articles for her union, and a link to all of them. */
export function LatestArticles() {
  const { t } = useTranslation();
  const list = useMemberArticles(3);
  const items = list.data?.items ?? [];
  // nothing to show (or the list failed): the home page stays as it was
  if (items.length === 0) return null;
  return (
    <section className="uc-art-latest" aria-labelledby="latest-articles" data-testid="latest-articles">
      <div className="uc-art-latest-head">
        <h2 id="latest-articles" className="uc-panel-title">
          {t('hotline.member.latest')}
        </h2>
        <Link to="/articles" className="uc-art-all">
          {t('hotline.member.all')}
        </Link>
      </div>
      <ul className="uc-art-list">
        {items.map((a) => (
          <li key={a.id}>
            <ArticleCard article={a} />
          </li>
        ))}
      </ul>
    </section>
  );
}
