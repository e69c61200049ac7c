import i18n from './index';
import { surveysEn } from './surveys.en';
import { surveysZhCN } from './surveys.zh-CN';

// The survey strings join the `surveys.` namespace of both languages when a chunk that needs them loads (member home,
// survey pages, console): the public station map never downloads them.
if (!i18n.exists('surveys.entry.title', { lng: 'zh-CN' })) {
  i18n.addResourceBundle('zh-CN', 'translation', { surveys: surveysZhCN }, true, false);
  i18n.addResourceBundle('en', 'translation', { surveys: surveysEn }, true, false);
}
