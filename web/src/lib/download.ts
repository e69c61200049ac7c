import { ApiError } from '../api/client';
import { currentLanguage } from '../i18n';

/**
 * Fetches a file from the API (session cookie, UI language) and saves it under the name the server gave, so
 * exports come in the reader's language and a failure shows as an error instead of a broken download.
 */
export async function downloadFromApi(url: string, fallbackName: string): Promise<string> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLanguage() },
  });
  if (!res.ok) {
    let problem: { status: number; title: string; detail?: string } = { status: res.status, title: res.statusText };
    try {
      problem = { ...problem, ...(await res.json()) };
    } catch {
      // not problem+json
    }
    throw new ApiError(problem);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
  return name;
}
