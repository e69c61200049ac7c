import { type ComponentType, type LazyExoticComponent, lazy, Suspense, useState } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireUser } from './components/RequireUser';
import { FullPageLoading } from './components/Status';
import { NotFound } from './pages/NotFound';

/** A lazy page that main.tsx can load before the first render (`preload`). */
interface EagerPage {
  Lazy: LazyExoticComponent<ComponentType>;
  loaded: ComponentType | null;
  preload: () => Promise<unknown>;
}

function eagerPage(load: () => Promise<{ default: ComponentType }>): EagerPage {
  const take = (m: { default: ComponentType }) => {
    page.loaded = m.default;
    return m;
  };
  const page: EagerPage = { Lazy: lazy(() => load().then(take)), loaded: null, preload: () => load().then(take) };
  return page;
}

/**
 * An eager page renders at once when its module is already in (no loading fallback, no second render when the chunk
 * arrives), through Suspense otherwise; decided once per mount, so the page is never remounted. Each route gives it
 * its own key: two eager routes must not share one mount.
 */
function Eager({ page }: { page: EagerPage }) {
  const [Component] = useState(() => page.loaded ?? page.Lazy);
  return <Component />;
}

// One chunk per area: members never download the antd console, the console never downloads member pages.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const MemberHome = lazy(() => import('./pages/member/MemberHome'));
// The member's mutual aid (互助保障): am I covered, apply with the phone camera, follow the claim.
const AidApp = lazy(() => import('./pages/member/aid/AidApp'));
// The member's care and benefits (关爱普惠): confirm receipt (QR link /care/confirm/:token), volunteer, compete.
const CareApp = lazy(() => import('./pages/member/care/CareApp'));
// 宣传文章: the articles pushed to the member's union, and one article with its call to action.
const ArticleListPage = lazy(() => import('./pages/member/articles/ArticleListPage'));
const ArticlePage = lazy(() => import('./pages/member/articles/ArticlePage'));
// (dayjs, with its time zones and the UI language's month names, comes with the console: no member page needs it)
const ConsoleApp = lazy(() =>
  Promise.all([import('./lib/dayjs-setup'), import('./pages/console/ConsoleApp')]).then(([, page]) => page),
);
// 问卷调查: the member answers surveys; /q/:token is a single-use survey link for workers without an account.
const SurveysApp = lazy(() => import('./pages/member/surveys/SurveysApp'));
const PublicSurveyPage = lazy(() => import('./pages/surveys/PublicSurveyPage'));
// The public station map (Leaflet) and a station's page (opened by the QR code on its sign): no sign-in, no antd.
const mapPage = eagerPage(() => import('./pages/stations/MapPage'));
const stationPage = eagerPage(() => import('./pages/stations/StationPage'));
const WinnersPage = lazy(() => import('./pages/stations/WinnersPage'));
// A caller rates a 12351 call from the link in a text message (no sign-in).
const HotlineFeedbackPage = lazy(() => import('./pages/feedback/HotlineFeedbackPage'));

/**
 * The public pages a worker opens cold (QR code on a station's sign, a link, the home-screen shortcut): main.tsx
 * waits for their chunk, already requested by index.html's preload-route script, before the first render.
 */
export function preloadRoute(path: string): Promise<unknown> {
  if (path === '/map') return mapPage.preload();
  if (path.startsWith('/s/')) return stationPage.preload();
  return Promise.resolve();
}

export function App() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/map" element={<Eager key="map" page={mapPage} />} />
        <Route path="/s/:code" element={<Eager key="station" page={stationPage} />} />
        <Route path="/q/:token" element={<PublicSurveyPage />} />
        <Route path="/awards" element={<WinnersPage />} />
        <Route path="/awards/:campaignId" element={<WinnersPage />} />
        <Route path="/feedback/hotline/:token" element={<HotlineFeedbackPage />} />
        <Route
          path="/"
          element={
            <RequireUser area="member">
              <MemberHome />
            </RequireUser>
          }
        />
        <Route
          path="/aid/*"
          element={
            <RequireUser area="member">
              <AidApp />
            </RequireUser>
          }
        />
        <Route
          path="/care/*"
          element={
            <RequireUser area="member">
              <CareApp />
            </RequireUser>
          }
        />
        <Route
          path="/surveys/*"
          element={
            <RequireUser area="member">
              <SurveysApp />
            </RequireUser>
          }
        />
        <Route
          path="/articles"
          element={
            <RequireUser area="member">
              <ArticleListPage />
            </RequireUser>
          }
        />
        <Route
          path="/articles/:id"
          element={
            <RequireUser area="member">
              <ArticlePage />
            </RequireUser>
          }
        />
        <Route
          path="/console/*"
          element={
            <RequireUser area="console">
              <ConsoleApp />
            </RequireUser>
          }
        />
        <Route path="/index.html" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Suspense>
  );
}
