import { useTranslation } from 'react-i18next';
import { Link, type NavigateFunction, useNavigate } from 'react-router';
import type { ArticleSummary, Cta } from '../../../api/articles';
import { formatDate } from '../../../lib/dates';
import { savePrecheck } from '../aid/AidBits';

/** One article in a list: a big tap target with title, summary, publisher and date; "new" until opened. */
export function ArticleCard({ article }: { article: ArticleSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={`/articles/${article.id}`} className="uc-art-card" data-testid="article-card" data-read={article.read}>
      {article.coverImageUrl && <img className="uc-art-card-cover" src={article.coverImageUrl} alt="" loading="lazy" />}
      <span className="uc-art-card-title">
        {article.read === false && <span className="uc-art-new">{t('hotline.member.new')}</span>}
        {article.title}
      </span>
      {article.summary && <span className="uc-art-card-summary">{article.summary}</span>}
      <span className="uc-art-card-meta">
        {article.publisher} · {formatDate(article.publishedAt)}
      </span>
    </Link>
  );
}

/** Opens the member's "am I covered?" page with the coverage chosen (the page keeps its state in sessionStorage). */
export function openPrecheck(navigate: NavigateFunction, coverageCode: string): void {
  savePrecheck({ coverageCode, coverageName: '', incidentDate: '', answers: {} });
  navigate('/aid/check');
}

/**
 * The article's call to action. A pre-check opens the member's own "am I covered?" page with the coverage already
 * chosen (the page keeps its state in the tab's sessionStorage); a survey opens the survey.
 */
export function CtaButton({ cta }: { cta: Cta }) {
  const navigate = useNavigate();
  const go = () => {
    if (cta.kind === 'precheck') {
      openPrecheck(navigate, cta.target);
    } else {
      navigate(`/surveys/${encodeURIComponent(cta.target)}`);
    }
  };
  return (
    <button
      type="button"
      className="uc-button uc-button-primary uc-button-block uc-art-cta"
      onClick={go}
      data-testid="article-cta"
    >
      {cta.label}
    </button>
  );
}
