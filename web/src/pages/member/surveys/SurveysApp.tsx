import '../../../i18n/surveys';
import '../member.css';
import './surveys.css';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';

const SurveyListPage = lazy(() => import('./SurveyListPage'));
const AnswerPage = lazy(() => import('./AnswerPage'));

/** The member's surveys (问卷调查): the open ones, and answering one. Phone first, no antd. */
export default function SurveysApp() {
  return (
    <Routes>
      <Route index element={<SurveyListPage />} />
      <Route path=":id" element={<AnswerPage />} />
      <Route path="*" element={<Navigate to="/surveys" replace />} />
    </Routes>
  );
}
