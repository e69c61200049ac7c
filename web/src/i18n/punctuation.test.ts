import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { aidEn } from './aid.en';
import { careEn } from './care.en';
import { cockpitEn } from './cockpit.en';
import { en } from './en';
import { hotlineEn } from './hotline.en';
import { stationTicketsEn } from './station-tickets.en';
import { stationsConsoleEn } from './stations-console.en';
import { stationsPublicEn } from './stations-public.en';
import { surveysEn } from './surveys.en';
import { zhCN } from './zh-CN';

/** Chinese punctuation that English text must not show: colon, comma, parentheses, list comma, semicolon, full stop. */
const CJK_PUNCTUATION = /[：，（）、；。]/;
const WEB_SRC = path.resolve(import.meta.dirname, '..');

/** Files that hold Chinese strings on purpose: the zh-CN string files (and the offline strings, both languages). */
const isChineseStrings = (file: string) =>
  /(^|[./])zh-CN\.ts$/.test(path.basename(file)) || file.endsWith(path.join('offline', 'i18n.ts'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Lines of code (comments dropped) that hard-code Chinese punctuation, except what people type (parsed, not shown). */
function hardCoded(file: string): string[] {
  const code = fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
    .split('\n')
    .map((line) => line.replace(/^\s*\/\/.*$/, '').replace(/\s\/\/ .*$/, ''));
  return code.flatMap((line, i) =>
    CJK_PUNCTUATION.test(line) && !/tokenSeparators=|\.replace\(\//.test(line)
      ? [`${path.relative(WEB_SRC, file)}:${i + 1}: ${line.trim()}`]
      : [],
  );
}

function strings(tree: unknown, at = ''): [string, string][] {
  if (typeof tree === 'string') return [[at, tree]];
  if (tree && typeof tree === 'object')
    return Object.entries(tree).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

describe('punctuation follows the language', () => {
  test('no Chinese punctuation is hard-coded in the web app outside the zh-CN strings', () => {
    const found = sourceFiles(WEB_SRC)
      .filter((f) => !isChineseStrings(f))
      .flatMap(hardCoded);
    assert.deepEqual(found, [], 'join labels and values with common.labelSeparator, listSeparator, inParens, …');
  });

  test('the English strings carry no Chinese punctuation', () => {
    const bundles = {
      en,
      aid: aidEn,
      care: careEn,
      cockpit: cockpitEn,
      hotline: hotlineEn,
      stationTickets: stationTicketsEn,
      stationsConsole: stationsConsoleEn,
      stationsPublic: stationsPublicEn,
      surveys: surveysEn,
    };
    const found = strings(bundles).filter(([, s]) => CJK_PUNCTUATION.test(s));
    assert.deepEqual(found, []);
  });

  test('the joining punctuation is Chinese in Chinese and English in English', () => {
    const joiners = ({ common: c }: typeof en) => [c.labelSeparator, c.listSeparator, c.clauseSeparator, c.inParens];
    assert.deepEqual(joiners(zhCN), ['：', '、', '；', '（{{text}}）']);
    assert.deepEqual(joiners(en), [': ', ', ', '; ', ' ({{text}})']);
  });
});
