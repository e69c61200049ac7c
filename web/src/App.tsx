import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireUser } from './components/RequireUser';
import { FullPageLoading } from './components/Status';
import { NotFound } from './pages/NotFound';

// One chunk per area: members never download the antd console, the console never downloads member pages.
const LoginPage = lazy(() => import('./pages/login/LoginPage'));
const MemberHome = lazy(() => import('./pages/member/MemberHome'));
const ConsoleApp = lazy(() => import('./pages/console/ConsoleApp'));

export function App() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/"
          element={
            <RequireUser area="member">
              <MemberHome />
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
