import { hotlineEn } from './hotline.en';
import { hotlineZhCN } from './hotline.zh-CN';
import i18n from './index';

// The hotline and publicity strings join the `hotline.` namespace of both languages when a chunk that needs them loads
// (console hotline pages, member articles, the home page's latest-articles block).
if (!i18n.exists('hotline.menu.operator', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { hotline: hotlineZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { hotline: hotlineEn }, true, false);
}
