import '../../../i18n/aid';
import '../member.css';
import './aid.css';
import './claim.css';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';

const AidHome = lazy(() => import('./AidHome'));
const PrecheckPage = lazy(() => import('./PrecheckPage'));
const ApplyPage = lazy(() => import('./ApplyPage'));
const DocumentsPage = lazy(() => import('./DocumentsPage'));
const ClaimPage = lazy(() => import('./ClaimPage'));

/** The member's mutual aid (互助保障): am I covered, apply, upload, follow. Phone first, no antd. */
export default function AidApp() {
  return (
    <Routes>
      <Route index element={<AidHome />} />
      <Route path="check" element={<PrecheckPage />} />
      <Route path="apply" element={<ApplyPage />} />
      <Route path="claims/:id" element={<ClaimPage />} />
      <Route path="claims/:id/edit" element={<DocumentsPage />} />
      <Route path="*" element={<Navigate to="/aid" replace />} />
    </Routes>
  );
}
