import {
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CloudUploadOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FormOutlined,
  GiftOutlined,
  LineChartOutlined,
  LogoutOutlined,
  ProfileOutlined,
  ReadOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { App as AntApp, Badge, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AID_PERMISSIONS } from '../../api/aid';
import { ARTICLE_PERMISSIONS } from '../../api/articles';
import { can, useLogout, useMe } from '../../api/auth';
import { CARE_PERMISSIONS } from '../../api/care';
import { COCKPIT_PERMISSIONS } from '../../api/cockpit';
import { HOTLINE_PERMISSIONS } from '../../api/hotline';
import { STATION_PERMISSIONS } from '../../api/stationsConsole';
import { useOpenTicketCount } from '../../api/stationTickets';
import { SURVEY_PERMISSIONS } from '../../api/surveys';
import { PERMISSIONS } from '../../api/types';
import { BrandMark } from '../../components/Icons';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { currentLanguage } from '../../i18n';
import '../../i18n/aid';
import '../../i18n/care';
import '../../i18n/cockpit';
import '../../i18n/hotline';
import '../../i18n/station-tickets';
import '../../i18n/stations-console';
import '../../i18n/surveys';
import './console.css';

const MembersPage = lazy(() => import('./MembersPage'));
const ImportPage = lazy(() => import('./ImportPage'));
// 互助保障: review queues, claim detail, payouts, statistics (ECharts only in the statistics chunk)
const AidQueuePage = lazy(() => import('./aid/QueuePage'));
const AidReviewPage = lazy(() => import('./aid/ReviewPage'));
const AidPayoutsPage = lazy(() => import('./aid/PayoutsPage'));
const AidStatsPage = lazy(() => import('./aid/StatsPage'));
const CockpitPage = lazy(() => import('./cockpit/CockpitPage'));
// 驿站: the station registry (detail drawer, status changes, sign) and the exit reviews
const StationsPage = lazy(() => import('./stations/StationsPage'));
const ExitReviewsPage = lazy(() => import('./stations/ExitReviewsPage'));
const AwardsPage = lazy(() => import('./stations/AwardsPage'));
// 工单: tickets from worker problem reports, for the station's operator and its district
const TicketsPage = lazy(() => import('./stations/TicketsPage'));
// 问卷调查: list, builder (with the member's answering view as preview), results (ECharts only there)
const SurveysPage = lazy(() => import('./surveys/SurveysPage'));
const SurveyBuilderPage = lazy(() => import('./surveys/BuilderPage'));
const SurveyResultsPage = lazy(() => import('./surveys/ResultsPage'));
// 关爱普惠: stock and ledger, distributions (plan, hand over, reconcile), activities, competitions, volunteering
// 12351 热线: the operator desk, its knowledge base and reports (ECharts only there); publicity articles
const HotlineOperatorPage = lazy(() => import('./hotline/OperatorPage'));
const HotlineKbPage = lazy(() => import('./hotline/KbPage'));
const HotlineReportsPage = lazy(() => import('./hotline/ReportsPage'));
const ArticlesPage = lazy(() => import('./hotline/ArticlesPage'));
const CareStockPage = lazy(() => import('./care/StockPage'));
const CareDistributionsPage = lazy(() => import('./care/DistributionsPage'));
const CarePlanWizard = lazy(() => import('./care/PlanWizard'));
const CareDistributionPage = lazy(() => import('./care/DistributionPage'));
const CareActivitiesPage = lazy(() => import('./care/ActivitiesPage'));
const CareCompetitionsPage = lazy(() => import('./care/CompetitionsPage'));
const CareSupervisionPage = lazy(() => import('./care/SupervisionPage'));
const CareVolunteerPage = lazy(() => import('./care/VolunteerPage'));
const CARE_PAGES = [
  ['stock', 'care.menu.stock'],
  ['distributions', 'care.menu.distributions'],
  ['activities', 'care.menu.activities'],
  ['competitions', 'care.menu.competitions'],
  ['supervision', 'care.menu.supervision'],
  ['volunteering', 'care.menu.volunteering'],
] as const;

const { Header, Sider, Content } = Layout;

const BRAND_THEME = {
  token: {
    colorPrimary: '#C8102E',
    colorLink: '#A00C25',
    colorInfo: '#1554D1',
    borderRadius: 6,
    fontSize: 15,
    fontFamily:
      "'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', system-ui, -apple-system, sans-serif",
  },
  components: {
    Layout: { headerBg: '#C8102E', siderBg: '#FFFFFF', bodyBg: '#F4F5F7', headerHeight: 60, headerPadding: '0 20px' },
    Menu: { itemSelectedBg: '#FDF1F3', itemSelectedColor: '#A00C25' },
  },
  algorithm: theme.defaultAlgorithm,
};

function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('console.forbidden')} />;
}

function Guard({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return can(me.data, permission) ? children : <Forbidden />;
}

/** The staff console: antd shell (header, sider menu) around the member-management and import pages. */
export default function ConsoleApp() {
  const { t } = useTranslation();
  const me = useMe();
  const user = me.data!;
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const lang = currentLanguage();
  const openTickets = useOpenTicketCount(can(user, STATION_PERMISSIONS.read));

  useEffect(() => {
    document.title = `${t('console.title')} · ${t('app.name')} UnionCare`;
  }, [t]);

  const items = [
    can(user, PERMISSIONS.membersRead) && {
      key: '/console/members',
      icon: <TeamOutlined />,
      label: t('console.menu.members'),
    },
    can(user, PERMISSIONS.membersImport) && {
      key: '/console/import',
      icon: <CloudUploadOutlined />,
      label: t('console.menu.import'),
    },
    can(user, AID_PERMISSIONS.read) && {
      key: '/console/aid/claims',
      icon: <AuditOutlined />,
      label: t('aid.console.menu.queue'),
    },
    can(user, AID_PERMISSIONS.payouts) && {
      key: '/console/aid/payouts',
      icon: <WalletOutlined />,
      label: t('aid.console.menu.payouts'),
    },
    can(user, AID_PERMISSIONS.stats) && {
      key: '/console/aid/stats',
      icon: <BarChartOutlined />,
      label: t('aid.console.menu.stats'),
    },
    can(user, COCKPIT_PERMISSIONS.view) && {
      key: '/console/cockpit',
      icon: <DashboardOutlined />,
      label: t('cockpit.menu'),
    },
    can(user, STATION_PERMISSIONS.read) && {
      key: '/console/stations',
      icon: <EnvironmentOutlined />,
      label: t('stationsConsole.menu.stations'),
    },
    can(user, STATION_PERMISSIONS.read) && {
      key: '/console/station-tickets',
      icon: <ProfileOutlined />,
      label: t('stationTickets.menu'),
      extra: openTickets ? (
        <Badge
          count={openTickets}
          size="small"
          overflowCount={999}
          title={t('stationTickets.openBadge', { count: openTickets })}
        />
      ) : undefined,
    },
    can(user, STATION_PERMISSIONS.read) &&
      user.role !== 'station_operator' && {
        key: '/console/station-exits',
        icon: <FileSearchOutlined />,
        label: t('stationsConsole.menu.exitReviews'),
      },
    can(user, STATION_PERMISSIONS.read) && {
      key: '/console/station-awards',
      icon: <TrophyOutlined />,
      label: t('stationsConsole.menu.awards'),
    },
    can(user, CARE_PERMISSIONS.read) && {
      key: '/console/care',
      icon: <GiftOutlined />,
      label: t('care.menu.group'),
      children: CARE_PAGES.map(([path, label]) => ({ key: `/console/care/${path}`, label: t(label) })),
    },
    can(user, SURVEY_PERMISSIONS.read) && {
      key: '/console/surveys',
      icon: <FormOutlined />,
      label: t('surveys.console.title'),
    },
    can(user, HOTLINE_PERMISSIONS.answer) && {
      key: '/console/hotline',
      icon: <CustomerServiceOutlined />,
      label: t('hotline.menu.operator'),
    },
    can(user, HOTLINE_PERMISSIONS.kb) && { key: '/console/kb', icon: <BookOutlined />, label: t('hotline.menu.kb') },
    can(user, HOTLINE_PERMISSIONS.answer) && {
      key: '/console/hotline/reports',
      icon: <LineChartOutlined />,
      label: t('hotline.menu.reports'),
    },
    can(user, ARTICLE_PERMISSIONS.manage) && {
      key: '/console/articles',
      icon: <ReadOutlined />,
      label: t('hotline.menu.articles'),
    },
  ].filter((item): item is Exclude<typeof item, false> => Boolean(item));
  // the care group's pages are children of one menu entry: select and land on the leaves
  const leaves = items.flatMap((item) => ('children' in item && item.children ? item.children : [item]));
  // the longest matching key wins (/console/hotline/reports, not /console/hotline)
  const selected = leaves
    .filter((item) => location.pathname.startsWith(item.key))
    .sort((a, b) => b.key.length - a.key.length)[0]?.key;
  const landing = leaves[0]?.key;

  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={BRAND_THEME}>
      <AntApp>
        <Layout className="uc-console">
          <Header className="uc-console-header">
            <div className="uc-console-brand">
              <BrandMark inverse className="uc-console-mark" />
              <span className="uc-console-brand-name">{t('app.name')}</span>
              <span className="uc-console-brand-sub">{t('console.title')}</span>
            </div>
            <Space size="middle" className="uc-console-user" wrap={false}>
              <span className="uc-console-who" data-testid="current-user">
                <UserOutlined aria-hidden="true" /> <strong>{user.displayName}</strong>
                <Tag className="uc-console-role" variant="filled">
                  {t(`roles.${user.role}`, { defaultValue: user.role })}
                </Tag>
                <span className="uc-console-union">{user.union?.name ?? t('console.noUnion')}</span>
              </span>
              <LanguageSwitch tone="dark" />
              <Button ghost icon={<LogoutOutlined />} onClick={onLogout} loading={logout.isPending}>
                {t('common.logout')}
              </Button>
            </Space>
          </Header>
          <Layout>
            <Sider width={200} breakpoint="lg" collapsedWidth={64} className="uc-console-sider" theme="light">
              <nav aria-label={t('console.title')}>
                <Menu
                  mode="inline"
                  selectedKeys={selected ? [selected] : []}
                  defaultOpenKeys={location.pathname.startsWith('/console/care') ? ['/console/care'] : []}
                  items={items}
                  onClick={({ key }) => navigate(key)}
                />
              </nav>
            </Sider>
            <Content className="uc-console-content" id="main">
              <Suspense
                fallback={
                  <div className="uc-console-loading">
                    <Spin description={t('common.loading')} />
                  </div>
                }
              >
                <Routes>
                  <Route index element={landing ? <Navigate to={landing} replace /> : <Forbidden />} />
                  <Route
                    path="members"
                    element={
                      <Guard permission={PERMISSIONS.membersRead}>
                        <MembersPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="import"
                    element={
                      <Guard permission={PERMISSIONS.membersImport}>
                        <ImportPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="aid/claims"
                    element={
                      <Guard permission={AID_PERMISSIONS.read}>
                        <AidQueuePage />
                      </Guard>
                    }
                  />
                  <Route
                    path="aid/claims/:id"
                    element={
                      <Guard permission={AID_PERMISSIONS.read}>
                        <AidReviewPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="aid/payouts"
                    element={
                      <Guard permission={AID_PERMISSIONS.payouts}>
                        <AidPayoutsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="aid/stats"
                    element={
                      <Guard permission={AID_PERMISSIONS.stats}>
                        <AidStatsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="cockpit"
                    element={
                      <Guard permission={COCKPIT_PERMISSIONS.view}>
                        <CockpitPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="stations"
                    element={
                      <Guard permission={STATION_PERMISSIONS.read}>
                        <StationsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="station-exits"
                    element={
                      <Guard permission={STATION_PERMISSIONS.read}>
                        <ExitReviewsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="station-tickets"
                    element={
                      <Guard permission={STATION_PERMISSIONS.read}>
                        <TicketsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="station-awards"
                    element={
                      <Guard permission={STATION_PERMISSIONS.read}>
                        <AwardsPage />
                      </Guard>
                    }
                  />
                  <Route path="care" element={<Navigate to="/console/care/stock" replace />} />
                  {(
                    [
                      ['care/stock', CareStockPage],
                      ['care/distributions', CareDistributionsPage],
                      ['care/distributions/new', CarePlanWizard],
                      ['care/distributions/:id', CareDistributionPage],
                      ['care/activities', CareActivitiesPage],
                      ['care/competitions', CareCompetitionsPage],
                      ['care/supervision', CareSupervisionPage],
                      ['care/volunteering', CareVolunteerPage],
                    ] as const
                  ).map(([path, Page]) => (
                    <Route
                      key={path}
                      path={path}
                      element={
                        <Guard permission={CARE_PERMISSIONS.read}>
                          <Page />
                        </Guard>
                      }
                    />
                  ))}
                  <Route
                    path="surveys"
                    element={
                      <Guard permission={SURVEY_PERMISSIONS.read}>
                        <SurveysPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="surveys/new"
                    element={
                      <Guard permission={SURVEY_PERMISSIONS.manage}>
                        <SurveyBuilderPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="surveys/:id/edit"
                    element={
                      <Guard permission={SURVEY_PERMISSIONS.manage}>
                        <SurveyBuilderPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="surveys/:id/results"
                    element={
                      <Guard permission={SURVEY_PERMISSIONS.read}>
                        <SurveyResultsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="hotline"
                    element={
                      <Guard permission={HOTLINE_PERMISSIONS.answer}>
                        <HotlineOperatorPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="hotline/reports"
                    element={
                      <Guard permission={HOTLINE_PERMISSIONS.answer}>
                        <HotlineReportsPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="kb"
                    element={
                      <Guard permission={HOTLINE_PERMISSIONS.kb}>
                        <HotlineKbPage />
                      </Guard>
                    }
                  />
                  <Route
                    path="articles"
                    element={
                      <Guard permission={ARTICLE_PERMISSIONS.manage}>
                        <ArticlesPage />
                      </Guard>
                    }
                  />
                  <Route path="*" element={<Navigate to="/console" replace />} />
                </Routes>
              </Suspense>
            </Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
