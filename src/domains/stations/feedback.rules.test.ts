import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  COMMENT_MAX,
  canMoveReport,
  cleanText,
  codePoints,
  nextReportStatuses,
  REPORT_TEXT_MAX,
  requestHash,
} from './feedback.rules.ts';
import { REPORT_STATUSES, type ReportStatus } from './feedback.table.ts';

describe('cleanText', () => {
  test('plain Chinese and English text passes, trimmed and with tidy whitespace', () => {
    const r = cleanText('  门口锁着，没人开门。\r\n\r\n\r\n\r\nDoor locked\t at 14:00  ', REPORT_TEXT_MAX);
    assert.deepEqual(r, { ok: true, text: '门口锁着，没人开门。\n\nDoor locked  at 14:00' });
  });

  test('comparison signs, ampersands and hearts that are not markup are kept', () => {
    for (const text of ['距离<500米', '评分 <3 分', 'a < b && c > d', 'R&D 部门', '<3 谢谢', '5 > 4', 'Tom & Jerry;']) {
      assert.deepEqual(cleanText(text, COMMENT_MAX), { ok: true, text }, text);
    }
  });

  test('HTML, script, entities and script URLs are refused, not escaped', () => {
    for (const text of [
      '<script>alert(1)</script>',
      'hello <b>world</b>',
      '<img src=x onerror=alert(1)>',
      '</div>',
      '<!-- x -->',
      '<?xml version="1.0"?>',
      '&lt;script&gt;',
      '&#60;script&#62;',
      '&#x3c;svg',
      'javascript:alert(1)',
      'JavaScript : void(0)',
      'data:text/html;base64,PHNjcmlwdD4=',
    ]) {
      assert.deepEqual(cleanText(text, COMMENT_MAX), { ok: false, problem: 'markup' }, text);
    }
  });

  test('invisible characters are removed before the markup check, so they cannot hide a tag', () => {
    assert.deepEqual(cleanText('<\u200Bscript>', 100), { ok: false, problem: 'markup' });
    assert.deepEqual(cleanText('a\u202Eb\u0000c\uFEFF', 100), { ok: true, text: 'abc' });
  });

  test('length is counted in code points, after cleaning', () => {
    assert.deepEqual(cleanText('好'.repeat(COMMENT_MAX), COMMENT_MAX), { ok: true, text: '好'.repeat(COMMENT_MAX) });
    assert.deepEqual(cleanText('好'.repeat(COMMENT_MAX + 1), COMMENT_MAX), { ok: false, problem: 'tooLong' });
    assert.deepEqual(cleanText('😀'.repeat(COMMENT_MAX), COMMENT_MAX).ok, true);
    assert.deepEqual(cleanText(`   ${'x'.repeat(10)}   `, 10), { ok: true, text: 'x'.repeat(10) });
  });

  test('NFC: a decomposed é becomes one code point', () => {
    const r = cleanText('Cafe\u0301', 100);
    assert.ok(r.ok);
    assert.equal(r.text, 'Caf\u00e9');
  });

  test('property: accepted text is trimmed, has no control or bidi characters, fits the cap and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const r = cleanText(raw, 60);
        if (!r.ok) return;
        assert.equal(r.text, r.text.trim());
        // biome-ignore lint/suspicious/noControlCharactersInRegex: checking their absence
        assert.doesNotMatch(r.text, /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E]/);
        assert.ok(codePoints(r.text) <= 60);
        assert.deepEqual(cleanText(r.text, 60), r);
      }),
    );
  });
});

describe('report status transitions', () => {
  const allowed = new Set([
    'open>acknowledged',
    'open>resolved',
    'acknowledged>resolved',
    'acknowledged>open',
    'resolved>open',
  ]);
  for (const from of REPORT_STATUSES) {
    for (const to of REPORT_STATUSES) {
      const expected = allowed.has(`${from}>${to}`);
      test(`${from} → ${to}: ${expected ? 'allowed' : 'refused'}`, () => {
        assert.equal(canMoveReport(from, to), expected);
        assert.equal(nextReportStatuses(from).includes(to as ReportStatus), expected);
      });
    }
  }
});

describe('requestHash', () => {
  const base = { kind: 'report', stationId: 's1', payload: { kind: 'other', text: 'x' } };

  test('key order and undefined fields do not change the fingerprint', () => {
    const a = requestHash(base);
    const b = requestHash({
      payload: { text: 'x', kind: 'other', amenity: undefined },
      stationId: 's1',
      kind: 'report',
    });
    assert.deepEqual(a, b);
  });

  test('any change of content, station or kind changes it', () => {
    const a = requestHash(base);
    for (const other of [
      { ...base, payload: { kind: 'other', text: 'y' } },
      { ...base, stationId: 's2' },
      { ...base, kind: 'rating' },
    ]) {
      assert.notDeepEqual(requestHash(other), a);
    }
  });
});
