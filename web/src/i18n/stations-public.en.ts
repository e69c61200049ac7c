import type { StationsPublicMessages } from './stations-public.zh-CN';

/** Public-map strings (winners page, suggested-sites layer) in English; same keys as stations-public.zh-CN.ts. */
export const stationsPublicEn: StationsPublicMessages = {
  winners: {
    title: 'Most beautiful stations',
    mapLink: 'Most beautiful stations: the winners',
    campaign: 'Campaign',
    noCampaign: 'No campaign has published its results yet.',
    notPublished: 'The results of this campaign are not published yet.',
    notFound: 'This campaign was not found.',
    none: 'No station reached four stars in this campaign.',
    intro:
      'Nominated by the district federations; members’ votes ({{publicWeight}} %) and the jury’s scores ({{juryWeight}} %) weighted together.',
    rank: 'No. {{rank}}',
    stars: '{{count}} stars',
    starsLabel: '{{count}}-star station',
    total: 'Total score',
    voteScore: 'Members’ vote',
    votes: '{{count}} votes',
    criteriaScore: 'Jury score',
    openStation: 'Open the station',
    navigate: 'Navigate here',
    exited: 'This station has left the network',
    otherCampaigns: 'Earlier campaigns',
    backToMap: 'Back to the map',
  },
  suggested: {
    toggle: 'Suggested new sites',
    staffOnly: 'Staff only: places where people searched with no station within {{distance}}.',
    loading: 'Loading suggested sites…',
    count: '{{count}} suggested sites',
    none: 'No suggested site in this area.',
    failed: 'Could not load suggested sites: {{message}}',
    marker: 'Suggested new site: {{searches}} searches, {{checkins}} check-ins, nearest station {{nearest}}',
    nearestNone: 'none within 50 km',
  },
};
