import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, ConfigProvider, Select, Space, theme } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import {
  type CockpitDistricts,
  DISTRICT_MEASURES,
  type DistrictMeasure,
  reportUrl,
  useCockpitDistricts,
  useCockpitSummary,
  useCockpitTrend,
  useFalling,
  useSeasonality,
  useSites,
  useTermShifts,
} from '../../../api/cockpit';
import { currentLanguage } from '../../../i18n';
import '../../../i18n/cockpit';
import { downloadFromApi } from '../../../lib/download';
import { formatWan } from '../../../lib/money';
import { CockpitChart, type CockpitOption, DISTRICT_LABELS } from './CockpitChart';
import './cockpit.css';

const CYAN = '#29d3ff';
const GOLD = '#ffc53d';
const RED = '#ff4d4f';
const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('zh-CN'));
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

function Kpi({ id, label, value, sub }: { id: string; label: string; value: string; sub?: string }) {
  return (
    <div className="cockpit-kpi" data-testid={`kpi-${id}`}>
      <div className="cockpit-kpi-label">{label}</div>
      <div className="cockpit-kpi-value" data-testid={`kpi-${id}-value`}>
        {value}
      </div>
      {sub && <div className="cockpit-kpi-sub">{sub}</div>}
    </div>
  );
}

function Panel({ title, children, className }: { title: string; children: React.ReactNode; className?: string }) {
  return (
    <section className={`cockpit-panel ${className ?? ''}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function mapOption(
  d: CockpitDistricts | undefined,
  measure: DistrictMeasure,
  name: string,
  own: string | null,
): CockpitOption {
  const items = d?.items.filter((i) => DISTRICT_LABELS[i.regionCode]) ?? [];
  const values = items.map((i) => (measure === 'paidFen' ? (i.figures.paidFen ?? 0) / 100 : (i.figures[measure] ?? 0)));
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const x = p as { name: string; value: number };
        return `${DISTRICT_LABELS[x.name] ?? x.name}<br/>${name}: ${Number.isFinite(x.value) ? x.value.toLocaleString('zh-CN') : '—'}`;
      },
    },
    visualMap: {
      min: 0,
      max: Math.max(1, ...values),
      left: 10,
      bottom: 10,
      calculable: true,
      inRange: { color: ['#0e3a66', '#1677ff', CYAN] },
      textStyle: { color: '#cfe8ff' },
    },
    series: [
      {
        type: 'map',
        map: 'beijing-districts',
        roam: false,
        label: {
          show: true,
          color: '#e6f4ff',
          fontSize: 10,
          formatter: (p: { name: string }) => DISTRICT_LABELS[p.name] ?? '',
        },
        itemStyle: { areaColor: '#16253f', borderColor: '#3d6fa8' },
        emphasis: { itemStyle: { areaColor: GOLD }, label: { color: '#000' } },
        data: items.map((i, k) => ({
          name: i.regionCode,
          value: values[k],
          // a district federation's own district stands out
          ...(own === i.regionCode ? { itemStyle: { borderColor: GOLD, borderWidth: 3 } } : {}),
        })),
      },
    ],
  };
}

/** The federation cockpit (数据大屏): full screen, dark, refreshed every minute, scoped to the viewer's subtree. */
export default function CockpitPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const [measure, setMeasure] = useState<DistrictMeasure>('claimsFiled');
  const [period, setPeriod] = useState<'year' | 'month' | 'all'>('year');
  const months = useMemo(() => {
    const now = new Date();
    return Array.from({ length: 12 }, (_, i) => {
      const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
    });
  }, []);
  const [month, setMonth] = useState(months[0]!);
  const summary = useCockpitSummary();
  const districts = useCockpitDistricts(period);
  const trend = useCockpitTrend();
  const seasonality = useSeasonality();
  const sites = useSites();
  const falling = useFalling();
  const terms = useTermShifts();
  const s = summary.data;
  const year = s?.year ?? new Date().getFullYear();
  const own = s?.scope.regionCode && DISTRICT_LABELS[s.scope.regionCode] ? s.scope.regionCode : null;

  const map = useMemo(
    () => mapOption(districts.data, measure, t(`cockpit.measures.${measure}`), own),
    [districts.data, measure, own, t],
  );
  const trendOption = useMemo<CockpitOption>(() => {
    const d = trend.data;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#cfe8ff' } },
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: d?.months.map((m) => m.slice(2)) ?? [] },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: t('cockpit.measures.claimsFiled'),
          data: d?.claimsFiled ?? [],
          itemStyle: { color: CYAN },
        },
        { type: 'bar', name: t('cockpit.measures.checkins'), data: d?.checkins ?? [], itemStyle: { color: '#597ef7' } },
        {
          type: 'line',
          name: t('cockpit.measures.paidFen'),
          yAxisIndex: 1,
          data: d?.paidFen.map((f) => f / 100) ?? [],
          itemStyle: { color: GOLD },
        },
      ],
    };
  }, [trend.data, t]);
  const seasonOption = useMemo<CockpitOption>(() => {
    const d = seasonality.data;
    const weeks = d?.series.map((p) => `W${p.week}`) ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, textStyle: { color: '#cfe8ff' } },
      grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: weeks },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('cockpit.thisYear'),
          data: d?.series.map((p) => p.value ?? '-') ?? [],
          itemStyle: { color: CYAN },
        },
        {
          type: 'line',
          name: t('cockpit.expected'),
          data: d?.series.map((p) => p.expected?.centre ?? '-') ?? [],
          showSymbol: false,
          itemStyle: { color: '#95de64' },
        },
        {
          type: 'line',
          name: t('cockpit.upper'),
          data: d?.series.map((p) => p.expected?.upper ?? '-') ?? [],
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: RED },
        },
      ],
    };
  }, [seasonality.data, t]);

  const download = async (format: 'pdf' | 'xlsx') => {
    try {
      await downloadFromApi(reportUrl(month, format), `report-${month}.${format}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#1677ff' } }}>
      <div className="cockpit-screen" data-testid="cockpit">
        <header className="cockpit-header">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/console')}
            aria-label={t('cockpit.back')}
          />
          <h1 data-testid="cockpit-title">{t('cockpit.title', { name: s?.scope.name ?? '' })}</h1>
          <span className="cockpit-asof">
            {s ? t('cockpit.refreshed', { time: new Date(s.asOf).toLocaleTimeString(lang) }) : ''}
          </span>
          <Space>
            <Select
              size="small"
              value={month}
              onChange={setMonth}
              options={months.map((m) => ({ value: m, label: m }))}
              aria-label={t('cockpit.report')}
            />
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download('pdf')}>
              {t('cockpit.downloadPdf')}
            </Button>
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download('xlsx')}>
              {t('cockpit.downloadXlsx')}
            </Button>
          </Space>
        </header>
        <div className="cockpit-kpis">
          <Kpi
            id="members"
            label={t('cockpit.members')}
            value={num(s?.members.active)}
            sub={`${t('cockpit.cards')} ${num(s?.members.cardsActive)}`}
          />
          <Kpi
            id="claims-year"
            label={t('cockpit.claimsYear', { year })}
            value={num(s?.aid.year.filed)}
            sub={`${t('cockpit.paidYear', { year })} ${num(s?.aid.year.paid)} · ${formatWan(s?.aid.year.paidFen, lang)}`}
          />
          <Kpi
            id="paid-total"
            label={t('cockpit.paidTotal', { since: s?.aid.since ?? '' })}
            value={num(s?.aid.total.paid)}
            sub={formatWan(s?.aid.total.paidFen, lang)}
          />
          <Kpi
            id="stations"
            label={t('cockpit.stations')}
            value={num(s?.stations.active)}
            sub={`${t('cockpit.checkins', { year })} ${num(s?.stations.checkinsYear)} · ${t('cockpit.health')} ${s?.stations.healthAvg ?? '—'}`}
          />
          <Kpi
            id="surveys"
            label={t('cockpit.surveys')}
            value={num(s?.surveys.running)}
            sub={`${t('cockpit.responseRate')} ${pct(s?.surveys.responseRate ?? null)}`}
          />
          <Kpi
            id="care"
            label={t('cockpit.care', { year })}
            value={num(s?.care.activitiesYear)}
            sub={`${t('cockpit.carePeople')} ${num(s?.care.peopleYear)}`}
          />
          <Kpi id="hotline" label={t('cockpit.hotline', { year })} value={num(s?.hotline.consultationsYear)} />
        </div>
        <div className="cockpit-grid">
          <Panel title={t('cockpit.map')} className="cockpit-map">
            <Space className="cockpit-controls">
              <Select
                size="small"
                value={measure}
                onChange={setMeasure}
                aria-label={t('cockpit.measure')}
                data-testid="measure"
                style={{ width: 170 }}
                options={DISTRICT_MEASURES.map((m) => ({ value: m, label: t(`cockpit.measures.${m}`) }))}
              />
              <Select
                size="small"
                value={period}
                onChange={setPeriod}
                style={{ width: 90 }}
                options={(['year', 'month', 'all'] as const).map((p) => ({
                  value: p,
                  label: t(`cockpit.period.${p}`),
                }))}
              />
            </Space>
            <CockpitChart option={map} label={t('cockpit.map')} testId="cockpit-map" />
            <ul className="cockpit-districts" data-testid="district-list">
              {districts.data?.items.map((i) => (
                <li key={i.code} data-region={i.regionCode}>
                  <span>{i.name}</span>
                  <b>{measure === 'paidFen' ? formatWan(i.figures.paidFen, lang) : num(i.figures[measure])}</b>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title={t('cockpit.trend')}>
            <CockpitChart option={trendOption} label={t('cockpit.trend')} />
          </Panel>
          <Panel title={t('cockpit.seasonality')}>
            <CockpitChart option={seasonOption} label={t('cockpit.seasonality')} />
            <h3>{t('cockpit.alerts')}</h3>
            <ul className="cockpit-list" data-testid="alerts">
              {seasonality.data?.alerts.length ? (
                seasonality.data.alerts.slice(0, 6).map((a) => (
                  <li key={`${a.unionCode}-${a.monday}`} className={a.direction}>
                    {t(a.direction === 'above' ? 'cockpit.alertAbove' : 'cockpit.alertBelow', {
                      name: a.unionName,
                      week: a.week.week,
                      value: a.value,
                      upper: a.expected.upper,
                      lower: a.expected.lower,
                    })}
                  </li>
                ))
              ) : (
                <li>{t('cockpit.noAlerts')}</li>
              )}
            </ul>
          </Panel>
          <Panel title={t('cockpit.sites')}>
            <ul className="cockpit-list">
              {sites.data?.items.length ? (
                sites.data.items.slice(0, 6).map((x) => (
                  <li key={`${x.lng},${x.lat}`}>
                    {x.lng.toFixed(4)}, {x.lat.toFixed(4)} · {t('cockpit.score')} {x.score} · {t('cockpit.nearest')}{' '}
                    {x.nearestStationM === null ? '—' : `${(x.nearestStationM / 1000).toFixed(1)} km`}
                  </li>
                ))
              ) : (
                <li>{t('cockpit.noSites')}</li>
              )}
            </ul>
            <h3>{t('cockpit.falling')}</h3>
            <ul className="cockpit-list">
              {falling.data?.items.length ? (
                falling.data.items.slice(0, 6).map((x) => (
                  <li key={x.id}>
                    {x.name} · {x.best} → {x.score} (−{x.fall})
                  </li>
                ))
              ) : (
                <li>{t('cockpit.noFalling')}</li>
              )}
            </ul>
          </Panel>
          <Panel title={t('cockpit.terms')}>
            {terms.data?.survey && <div className="cockpit-kpi-sub">{terms.data.survey.title}</div>}
            <ul className="cockpit-list">
              {terms.data?.shifts.length ? (
                terms.data.shifts.slice(0, 8).map((x) => (
                  <li key={`${x.unionName}-${x.term}`}>
                    {x.unionName} · 「{x.term}」 {pct(x.share)} vs {pct(x.otherShare)}
                  </li>
                ))
              ) : (
                <li>{t('cockpit.noTerms')}</li>
              )}
            </ul>
          </Panel>
        </div>
      </div>
    </ConfigProvider>
  );
}
