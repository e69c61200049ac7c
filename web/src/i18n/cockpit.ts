import { cockpitEn } from './cockpit.en';
import { cockpitZhCN } from './cockpit.zh-CN';
import i18n from './index';

// The cockpit strings join the `cockpit.` namespace when the console loads.
if (!i18n.exists('cockpit.menu', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { cockpit: cockpitZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { cockpit: cockpitEn }, true, false);
}
