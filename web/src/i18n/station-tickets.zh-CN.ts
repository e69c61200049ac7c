/**
 * Staff-console strings for station tickets (工单) in Chinese; terms follow /work/shared/GLOSSARY.md.
 * `station-tickets.en.ts` must carry the same keys (the compiler checks it). Registered under `stationTickets.` by
 * `./station-tickets.ts` from the console only.
 */
export const stationTicketsZhCN = {
  menu: '工单',
  openBadge: '{{count}} 件待处理',
  title: '站点工单',
  intro: '职工在站点页面反映的问题汇成工单，分派给站点运维人员和所在区县总工会，须在 2 个工作日内处理。',
  status: {
    open: '待处理',
    in_progress: '处理中',
    resolved: '已解决',
    rejected: '已驳回',
  },
  kind: {
    closed_during_hours: '开放时间内没开门',
    refused_entry: '不让进站',
    amenity_missing: '设施缺失或不能用',
    other: '其他问题',
  },
  reportStatus: {
    open: '未处理',
    acknowledged: '已受理',
    resolved: '已处理',
  },
  list: {
    filterStatus: '工单状态',
    all: '全部',
    stationCode: '站点编码',
    stationCodePlaceholder: '输入完整站点编码后回车',
    overdueOnly: '只看已逾期',
    colStation: '站点',
    colKinds: '反映问题',
    colReports: '反映次数',
    colStatus: '状态',
    colOpened: '开单时间',
    colDue: '处理时限',
    overdue: '已逾期',
    open: '查看工单 {{name}}',
    empty: '暂无工单',
    total: '共 {{total}} 件',
  },
  detail: {
    title: '工单',
    loadFailed: '工单加载失败',
    station: '站点',
    code: '站点编码',
    address: '地址',
    district: '区县总工会',
    opened: '开单时间',
    due: '处理时限',
    lastReport: '最近反映',
    reportCount: '反映次数',
    statusReason: '处理说明',
    reports: '职工反映（{{count}}）',
    noText: '（未填写说明）',
    amenity: '设施：{{name}}',
    history: '处理记录',
    opened_event: '开单',
    noReason: '无说明',
    readOnly: '您可以查看此工单，但无权处理。',
    closed: '工单已办结。',
  },
  action: {
    in_progress: '受理',
    resolved: '办结',
    rejected: '驳回',
    done: {
      in_progress: '已受理工单',
      resolved: '工单已办结',
      rejected: '工单已驳回',
    },
  },
  modal: {
    resolvedTitle: '办结工单：{{name}}',
    rejectedTitle: '驳回工单：{{name}}',
    resolvedNote: '处理说明',
    resolvedPlaceholder: '写明处理结果，例如：已联系依托单位，恢复按公示时间开放',
    rejectedNote: '驳回理由',
    rejectedPlaceholder: '写明核实情况，例如：到站核实，反映时段站点正常开放',
    reasonRequired: '请填写驳回理由',
    submitResolved: '确认办结',
    submitRejected: '确认驳回',
  },
};

export type StationTicketsMessages = typeof stationTicketsZhCN;
