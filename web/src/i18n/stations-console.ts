import i18n from './index';
import { stationsConsoleEn } from './stations-console.en';
import { stationsConsoleZhCN } from './stations-console.zh-CN';

// The console's station strings join the `stationsConsole.` namespace of both languages when a station page of the
// console loads: members and the public map never download them.
if (!i18n.exists('stationsConsole.menu.stations', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { stationsConsole: stationsConsoleZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { stationsConsole: stationsConsoleEn }, true, false);
}
