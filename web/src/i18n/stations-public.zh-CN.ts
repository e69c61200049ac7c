/**
 * Public-map strings added after the first release (the winners page, the staff's suggested-sites layer), in Chinese;
 * terms follow /work/shared/GLOSSARY.md. `stations-public.en.ts` carries the same keys (the compiler checks it).
 * Registered under `stationsPublic.` by `./stations-public.ts`.
 */
export const stationsPublicZhCN = {
  winners: {
    title: '最美驿站',
    mapLink: '最美驿站评选结果',
    campaign: '评选活动',
    noCampaign: '还没有公布结果的评选活动。',
    notPublished: '这次评选的结果尚未公布。',
    notFound: '没有找到这个评选活动。',
    none: '这次评选没有四星及以上的获奖站点。',
    intro: '由区总工会推荐，会员投票（占 {{publicWeight}}%）与评审打分（占 {{juryWeight}}%）加权评出。',
    rank: '第 {{rank}} 名',
    stars: '{{count}} 星',
    starsLabel: '{{count}} 星级驿站',
    total: '综合得分',
    voteScore: '会员投票',
    votes: '{{count}} 票',
    criteriaScore: '评审得分',
    openStation: '查看站点',
    navigate: '导航去这里',
    exited: '该站点已退出服务',
    otherCampaigns: '往届评选',
    backToMap: '返回地图',
  },
  suggested: {
    toggle: '建议新建站点',
    staffOnly: '仅工作人员可见：有人搜索、附近 {{distance}} 内却没有驿站的位置。',
    loading: '正在加载建议站点…',
    count: '{{count}} 处建议站点',
    none: '当前范围内没有建议站点。',
    failed: '建议站点加载失败：{{message}}',
    marker: '建议新建站点：搜索 {{searches}} 次，打卡 {{checkins}} 次，最近的驿站 {{nearest}}',
    nearestNone: '50 公里内没有',
  },
};

export type StationsPublicMessages = typeof stationsPublicZhCN;
