import i18n from './index';
import { stationTicketsEn } from './station-tickets.en';
import { stationTicketsZhCN } from './station-tickets.zh-CN';

// The ticket strings join the `stationTickets.` namespace of both languages when the console loads (the menu entry
// needs its label): members and the public map never download them.
if (!i18n.exists('stationTickets.menu', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { stationTickets: stationTicketsZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { stationTickets: stationTicketsEn }, true, false);
}
