import type { Localized } from './i18n.ts';

/** Problem titles and common field messages, in both languages; domains add their own beside their code. */
export const MESSAGES = {
  badRequest: { 'zh-CN': '请求有误', en: 'Bad request' },
  validation: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields are not valid' },
  unauthorized: { 'zh-CN': '请先登录', en: 'Please sign in' },
  badCredentials: { 'zh-CN': '手机号或密码不正确', en: 'Wrong phone number or password' },
  totpRequired: { 'zh-CN': '请输入动态验证码', en: 'Enter the code from your authenticator app' },
  totpInvalid: { 'zh-CN': '动态验证码不正确', en: 'The authenticator code is not correct' },
  locked: {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins: the account is locked, try again in {minutes} minutes',
  },
  tooManyRequests: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests, please try again later' },
  forbidden: { 'zh-CN': '无权执行此操作', en: 'You are not allowed to do this' },
  notFound: { 'zh-CN': '未找到', en: 'Not found' },
  conflict: { 'zh-CN': '与现有数据冲突', en: 'Conflicts with existing data' },
  payloadTooLarge: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  unsupportedMediaType: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  internal: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal error, please try again later' },
  unavailable: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
  fieldRequired: { 'zh-CN': '必填', en: 'is required' },
  fieldType: { 'zh-CN': '格式不正确', en: 'has the wrong format' },
  fieldTooLong: { 'zh-CN': '不能超过 {limit} 个字符', en: 'must be at most {limit} characters' },
  fieldTooShort: { 'zh-CN': '至少需要 {limit} 个字符', en: 'must be at least {limit} characters' },
  fieldRange: { 'zh-CN': '超出允许范围', en: 'is out of range' },
  fieldEnum: { 'zh-CN': '取值必须是：{values}', en: 'must be one of: {values}' },
  fieldUnknown: { 'zh-CN': '不允许的字段', en: 'is not an allowed field' },
  phoneInvalid: { 'zh-CN': '手机号格式不正确', en: 'is not a valid mobile phone number' },
} satisfies Record<string, Localized>;

export type MessageKey = keyof typeof MESSAGES;
