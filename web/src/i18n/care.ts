import { careEn } from './care.en';
import { careZhCN } from './care.zh-CN';
import i18n from './index';

// The care (关爱普惠) strings join the `care.` namespace of both languages when a chunk that needs them loads (the
// console, the member's care pages and the entry card on the member home).
if (!i18n.exists('care.menu.group', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { care: careZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { care: careEn }, true, false);
}
