import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import i18n from '../../i18n';
import MapPage from './MapPage';

export interface FirstPaint {
  title: string;
  body: string;
}

/**
 * The map page as React first renders it for `url` (Chinese, no answer yet), rendered to HTML at build time
 * (web/vite.config.ts): the service sends it inside `#root`, so a worker's phone paints the title, the buttons and
 * the map's ground as soon as the HTML and its CSS are in, before any JavaScript has run. React then renders the
 * same page over it (createRoot replaces what is there; nothing moves).
 */
export function renderMapFirstPaint(url: string): FirstPaint {
  const body = renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={[url]}>
        <MapPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { title: `${i18n.t('stations.mapTitle')} · ${i18n.t('app.name')}`, body };
}
