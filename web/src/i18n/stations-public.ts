import i18n from './index';
import { stationsPublicEn } from './stations-public.en';
import { stationsPublicZhCN } from './stations-public.zh-CN';

// The winners page's and the suggested-sites layer's strings join the `stationsPublic.` namespace of both languages
// when the public map or the winners page loads: members' and console pages never download them.
if (!i18n.exists('stationsPublic.winners.title', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { stationsPublic: stationsPublicZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { stationsPublic: stationsPublicEn }, true, false);
}
