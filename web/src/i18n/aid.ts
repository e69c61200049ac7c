import { aidEn } from './aid.en';
import { aidZhCN } from './aid.zh-CN';
import i18n from './index';

// The mutual-aid strings join the `aid.` namespace of both languages when a chunk that needs them loads (member home,
// aid pages, console): the public station map never downloads them.
if (!i18n.exists('aid.entry.title', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { aid: aidZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { aid: aidEn }, true, false);
}
