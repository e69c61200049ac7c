import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from '../i18n';

/**
 * dayjs as the staff console uses it (antd's date pickers, dayjs.tz with TIME_ZONE): time zones, and the UI
 * language's month and week names. Loaded with the console (App.tsx), so that member and public pages, which format
 * dates without dayjs (lib/dates.ts), never download it.
 */
dayjs.extend(utc);
dayjs.extend(timezone);

const applyLocale = (lng: string) => {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
};
applyLocale(i18n.language);
i18n.on('languageChanged', applyLocale);
