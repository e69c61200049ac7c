import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMemberArticle } from '../../../api/articles';
import { ApiError } from '../../../api/client';
import { MemberShell } from '../../../components/MemberShell';
import { FullPageError, FullPageLoading } from '../../../components/Status';
import '../../../i18n/hotline';
import { formatDate } from '../../../lib/dates';
import '../aid/aid.css';
import '../member.css';
import { CtaButton, openPrecheck } from './ArticleBits';
import './articles.css';

/** One article, in large type for older eyes, with its call to action at the end (and again under the title). */
export default function ArticlePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const article = useMemberArticle(id);
  const a = article.data;
  const navigate = useNavigate();
  const back = { to: '/articles', label: t('hotline.member.listTitle') };

  const body = useRef<HTMLDivElement>(null);

  // links inside the text to our own pages stay in the app; a pre-check link opens the member's pre-check page
  useEffect(() => {
    const el = body.current;
    if (!el) return;
    const onClick = (e: MouseEvent) => {
      const link = (e.target as HTMLElement).closest('a');
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const url = new URL(link.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      e.preventDefault();
      const coverage = url.searchParams.get('coverage');
      if (/^\/aid\/(pre)?check$/.test(url.pathname) && coverage) openPrecheck(navigate, coverage);
      else navigate(url.pathname + url.search);
    };
    el.addEventListener('click', onClick);
    return () => el.removeEventListener('click', onClick);
  });

  useEffect(() => {
    if (a) window.scrollTo({ top: 0 });
  }, [a]);

  if (article.isPending)
    return (
      <MemberShell title={t('hotline.member.listTitle')} back={back} busy>
        <FullPageLoading />
      </MemberShell>
    );
  if (article.isError || !a) {
    const gone = article.error instanceof ApiError && article.error.status === 404;
    return (
      <MemberShell title={t('hotline.member.listTitle')} back={back}>
        <FullPageError
          message={gone ? t('hotline.member.gone') : undefined}
          onRetry={gone ? undefined : () => void article.refetch()}
        />
      </MemberShell>
    );
  }

  return (
    <MemberShell title={a.title} back={back}>
      <article className="uc-art" aria-labelledby="art-title" data-testid="article">
        <h1 id="art-title" className="uc-art-title">
          {a.title}
        </h1>
        <p className="uc-art-meta">
          <span>{a.publisher}</span>
          <span>{formatDate(a.publishedAt)}</span>
          <span>{t('hotline.member.reads', { count: a.readCount })}</span>
        </p>
        {a.coverImageUrl && <img className="uc-art-cover" src={a.coverImageUrl} alt="" />}
        {a.summary && <p className="uc-art-summary">{a.summary}</p>}
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml is sanitised by the server on save (allow-list of tags, images only from our own store) */}
        <div ref={body} className="uc-art-body uc-article-body" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      </article>
      {a.cta && (
        <section className="uc-panel uc-art-cta-box" aria-label={a.cta.label}>
          <p className="uc-art-cta-lead">
            {a.cta.kind === 'precheck' ? t('hotline.member.ctaPrecheck') : t('hotline.member.ctaSurvey')}
          </p>
          <CtaButton cta={a.cta} />
        </section>
      )}
      <p className="uc-muted">{t('hotline.member.help')}</p>
    </MemberShell>
  );
}
