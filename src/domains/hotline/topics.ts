import type { Localized } from '../../platform/i18n.ts';
import type { Outcome, Topic } from './consultation.schemas.ts';

export const TOPIC_LABELS: Record<Topic, Localized> = {
  mutual_aid: { 'zh-CN': '互助保障', en: 'Mutual aid' },
  claim_status: { 'zh-CN': '申报进度与到账', en: 'Claim status and payment' },
  aid_card: { 'zh-CN': '会员互助服务卡', en: 'Mutual-aid service card' },
  membership: { 'zh-CN': '入会与会籍', en: 'Membership' },
  rights: { 'zh-CN': '劳动权益', en: 'Labour rights' },
  stations: { 'zh-CN': '户外劳动者服务站点', en: 'Outdoor-worker stations' },
  care: { 'zh-CN': '普惠与关爱', en: 'Benefits and care' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const OUTCOME_LABELS: Record<Outcome, Localized> = {
  answered: { 'zh-CN': '已解答', en: 'Answered' },
  referred: { 'zh-CN': '已转办', en: 'Referred' },
  claim_started: { 'zh-CN': '已发起申报', en: 'Claim started' },
  follow_up: { 'zh-CN': '待回访', en: 'Follow-up' },
};
