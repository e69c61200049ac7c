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
const ConsoleApp = lazy(() => import('./pages/console/ConsoleApp'));
// The public station map (Leaflet) and a station's page (opened by the QR code on its sign): no sign-in, no antd.
const MapPage = lazy(() => import('./pages/stations/MapPage'));
const StationPage = lazy(() => import('./pages/stations/StationPage'));

export function App() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/map" element={<MapPage />} />
        <Route path="/s/:code" element={<StationPage />} />
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
