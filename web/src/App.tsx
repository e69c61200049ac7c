import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireUser } from './components/RequireUser';
import { FullPageLoading } from './components/Status';
import { NotFound } from './pages/NotFound';

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
const ConsoleApp = lazy(() => import('./pages/console/ConsoleApp'));
// 问卷调查: the member answers surveys; /q/:token is a single-use survey link for workers without an account.
const SurveysApp = lazy(() => import('./pages/member/surveys/SurveysApp'));
const PublicSurveyPage = lazy(() => import('./pages/surveys/PublicSurveyPage'));
// The public station map (Leaflet) and a station's page (opened by the QR code on its sign): no sign-in, no antd.
const MapPage = lazy(() => import('./pages/stations/MapPage'));
const StationPage = lazy(() => import('./pages/stations/StationPage'));
const WinnersPage = lazy(() => import('./pages/stations/WinnersPage'));
// A caller rates a 12351 call from the link in a text message (no sign-in).
const HotlineFeedbackPage = lazy(() => import('./pages/feedback/HotlineFeedbackPage'));

export function App() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/map" element={<MapPage />} />
        <Route path="/s/:code" element={<StationPage />} />
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
