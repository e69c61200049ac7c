import { useSyncExternalStore } from 'react';
import i18n from '../i18n';
import './display.css';

/**
 * The large-text, high-contrast display (大字模式, in the spirit of the elderly-friendly app guidelines): chosen
 * once, remembered on this device, applied as `<html data-display="large">` so that CSS variables and one zoom
 * rule (display.css) restyle every member page without touching them.
 */
export type DisplayMode = 'standard' | 'large';

const KEY = 'unioncare.display';
const listeners = new Set<() => void>();

function stored(): DisplayMode {
  try {
    return localStorage.getItem(KEY) === 'large' ? 'large' : 'standard';
  } catch {
    return 'standard';
  }
}

let mode: DisplayMode = stored();

function apply(next: DisplayMode) {
  if (typeof document === 'undefined') return; // the build renders the map's first paint in Node
  if (next === 'large') document.documentElement.dataset.display = 'large';
  else delete document.documentElement.dataset.display;
}
apply(mode);

export function setDisplayMode(next: DisplayMode): void {
  mode = next;
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // not fatal: the choice just won't survive a reload
  }
  apply(next);
  for (const fn of listeners) fn();
}

export function useDisplayMode(): DisplayMode {
  return useSyncExternalStore(
    (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    () => mode,
    () => 'standard', // the map's first paint, rendered at build time
  );
}

if (!i18n.exists('display.large', { lng: 'zh-CN' })) {
  i18n.addResourceBundle(
    'zh-CN',
    'translation',
    { display: { large: '大字', largeName: '大字和高对比度显示' } },
    true,
    false,
  );
  i18n.addResourceBundle(
    'en',
    'translation',
    { display: { large: 'Large text', largeName: 'Large text and high contrast' } },
    true,
    false,
  );
}
