/**
 * Text messages to members about their claims, and the sender seam: the default sender writes to the log; an SMS
 * gateway (Aliyun, Tencent Cloud…) implements `SmsSender` with its signed template ids later.
 */

export interface SmsMessage {
  to: string;
  template: string;
  params: Record<string, string | number>;
  text: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

const SIGNATURE = '【北京市总工会】';

/** Chinese SMS texts per template, as the gateway's approved templates will read. */
export const SMS_TEMPLATES: Record<string, string> = {
  'aid.claim.submitted': '您的互助保障申报（{claimNo}，{coverage}）已提交，所在基层工会将尽快审核。',
  'aid.claim.workplace_checked': '您的互助保障申报（{claimNo}）已通过基层工会审核，已报送市总工会审批。',
  'aid.claim.returned': '您的互助保障申报（{claimNo}）需补充或修改：{reason}。请登录查看后重新提交。',
  'aid.claim.approved': '您的互助保障申报（{claimNo}）已批准，互助金 {amount} 元将发放至您的会员互助服务卡。',
  'aid.claim.rejected': '很遗憾，您的互助保障申报（{claimNo}）未获批准：{reason}。如有疑问请致电 12351。',
  'aid.claim.paid': '互助金 {amount} 元（申报 {claimNo}）已发放至您的会员互助服务卡，请注意查收。',
  'aid.claim.payoutFailed': '互助金（申报 {claimNo}）发放未成功：{reason}。工作人员将与您联系并重新发放。',
};

export function renderSms(template: string, params: Record<string, string | number>): string {
  const body = SMS_TEMPLATES[template];
  if (!body) throw new Error(`unknown SMS template ${template}`);
  return SIGNATURE + body.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Writes each message to the log, with the phone number masked. */
export function logSmsSender(log: (obj: Record<string, unknown>, msg: string) => void): SmsSender {
  return {
    async send(m) {
      log({ to: `${m.to.slice(0, 3)}****${m.to.slice(-4)}`, template: m.template, text: m.text }, 'sms (log sender)');
    },
  };
}
