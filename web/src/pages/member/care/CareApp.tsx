import '../../../i18n/care';
import '../member.css';
import '../aid/aid.css';
import './care.css';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';

const CareHome = lazy(() => import('./CareHome'));
const ConfirmPage = lazy(() => import('./ConfirmPage'));
const ShiftsPage = lazy(() => import('./ShiftsPage'));
const CompetitionsPage = lazy(() => import('./CompetitionsPage'));

/** The member's care and benefits (关爱普惠): confirm what they received, volunteer, enter competitions. No antd. */
export default function CareApp() {
  return (
    <Routes>
      <Route index element={<CareHome />} />
      <Route path="confirm/:token" element={<ConfirmPage />} />
      <Route path="shifts" element={<ShiftsPage />} />
      <Route path="competitions" element={<CompetitionsPage />} />
      <Route path="*" element={<Navigate to="/care" replace />} />
    </Routes>
  );
}
