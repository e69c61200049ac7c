import i18n from '../i18n';

/** Strings of the offline features (station pack, outbox, drafts), joined to the `offline.` namespace on first use. */
const zhCN = {
  packSaved: '已在手机上保存 {{count}} 个站点，没有网络也能查找（{{date}} 更新）',
  packSaving: '正在把附近城市的站点保存到手机上，以便没有网络时使用…',
  fromPhone: '现在没有网络：以下结果是用手机上保存的站点数据算出的（{{date}} 更新），开放状态按当前时间计算。',
  noPack: '现在没有网络，手机上也还没有保存站点数据。请联网后再打开一次地图。',
  stationFromPhone: '现在没有网络：这是手机上保存的站点信息（{{date}} 更新）。反馈会先存在手机上，联网后自动发送。',
  outboxWaiting: '{{count}} 条反馈保存在手机上，联网后自动发送。',
  outboxSent: '保存在手机上的反馈已全部发送。',
  savedPhone: '仅保存在这部手机上（{{time}}），点“保存并继续”后才会保存到服务器',
  savedServer: '已保存到服务器（{{time}}）',
  saveFailedKept: '现在没有网络。您填写的内容仍保存在这部手机上，联网后会自动保存到服务器。',
};
const en: typeof zhCN = {
  packSaved: '{{count}} stations saved on this phone for use with no network (updated {{date}})',
  packSaving: 'Saving the stations of this city on your phone for when there is no network…',
  fromPhone:
    'No network: these results come from the stations saved on this phone (updated {{date}}); open now is worked out for the current time.',
  noPack: 'No network, and no stations are saved on this phone yet. Open the map once while online.',
  stationFromPhone:
    'No network: this is the station as saved on this phone (updated {{date}}). Feedback waits on the phone and is sent when you are back online.',
  outboxWaiting: '{{count}} feedback posts are waiting on this phone and will be sent when you are online.',
  outboxSent: 'The feedback saved on this phone has all been sent.',
  savedPhone: 'Saved on this phone only ({{time}}); it reaches the server when you tap Save and continue',
  savedServer: 'Saved to the server ({{time}})',
  saveFailedKept:
    'No network. What you typed is still saved on this phone and goes to the server when you are back online.',
};

if (!i18n.exists('offline.packSaved', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { offline: zhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { offline: en }, true, false);
}
