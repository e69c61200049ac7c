import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { imageIds, safeHref, sanitizeHtml } from './html-sanitizer.ts';

const IMG = '/api/v1/articles/images/01900000-0000-7000-8000-0000000000aa';
const clean = (html: string) => sanitizeHtml(html).html;

describe('sanitizeHtml keeps the safe subset', () => {
  test('allowed tags survive unchanged', () => {
    const html =
      '<h2>水暖管爆裂怎么办</h2><p>先<strong>拍照</strong>，再<em>报物业</em>。</p><ul><li>一</li></ul><ol><li>二</li></ol><h3>材料</h3>';
    assert.equal(clean(html), html);
  });

  test('links: http(s) get rel and target, relative paths stay as they are', () => {
    assert.equal(
      clean('<a href="https://www.bjzgh.org/x?a=1&amp;b=2">总工会</a>'),
      '<a href="https://www.bjzgh.org/x?a=1&amp;b=2" rel="noopener noreferrer nofollow" target="_blank">总工会</a>',
    );
    assert.equal(
      clean('<a href="/aid/precheck?coverage=PIPE_BURST">预检</a>'),
      '<a href="/aid/precheck?coverage=PIPE_BURST">预检</a>',
    );
  });

  test('images only from our upload store, with alt', () => {
    assert.equal(clean(`<img src="${IMG}" alt="现场">`), `<img src="${IMG}" alt="现场">`);
    assert.equal(clean('<img src="https://evil.example/x.png">'), '');
    assert.equal(clean('<img alt="x">'), '');
    assert.deepEqual(imageIds(clean(`<p><img src="${IMG}"></p>`)), ['01900000-0000-7000-8000-0000000000aa']);
  });

  test('b/i/h1 are renamed, unknown tags dropped but their text kept', () => {
    assert.equal(
      clean('<h1>标题</h1><div><span>正文</span> <b>粗</b><i>斜</i></div>'),
      '<h2>标题</h2>正文 <strong>粗</strong><em>斜</em>',
    );
  });

  test('unclosed tags are closed, stray closing tags dropped', () => {
    assert.equal(clean('<p><strong>未闭合'), '<p><strong>未闭合</strong></p>');
    assert.equal(clean('文字</p></strong>'), '文字');
    assert.equal(clean('<ul><li>a<li>b</ul>'), '<ul><li>a<li>b</li></li></ul>');
  });

  test('text is escaped', () => {
    assert.equal(clean('1 < 2 && 3 > 2'), '1 &lt; 2 &amp;&amp; 3 &gt; 2');
    assert.equal(clean('&lt;script&gt;'), '&lt;script&gt;');
  });
});

describe('sanitizeHtml removes what could run or leak', () => {
  const attacks: [string, string, string[]][] = [
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>', ['script']],
    ['<SCRIPT src="//x"></SCRIPT >x', 'x', ['script']],
    ['<p onclick="alert(1)">hi</p>', '<p>hi</p>', ['p[onclick]']],
    ['<img src="x" onerror="alert(1)">', '', ['img', 'img[onerror]', 'img[src]']],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href=" java\tscript:alert(1)">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="jav&#x61;script:alert(1)">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="//evil.example/">x</a>', '<a>x</a>', ['a[href]']],
    ['<a href="/\\evil.example/">x</a>', '<a>x</a>', ['a[href]']],
    ['<p style="position:fixed">x</p>', '<p>x</p>', ['p[style]']],
    ['<iframe src="https://x"></iframe>y', 'y', ['iframe']],
    ['<style>body{display:none}</style>z', 'z', ['style']],
    ['<svg><script>alert(1)</script></svg>w', 'w', ['svg']],
    ['<!-- <script>alert(1)</script> -->v', 'v', []],
    ['<img/src="x"/onerror=alert(1)>', '&lt;img/src="x"/onerror=alert(1)&gt;', []],
    ['<p title="a>b" onmouseover=alert(1)>t</p>', '<p>t</p>', ['p[onmouseover]', 'p[title]']],
    ['<script>never closed', '', ['script']],
    ['<form action="/x"><input name="a"></form>', '', ['form', 'input']],
  ];
  for (const [input, expected, removed] of attacks) {
    test(input, () => {
      const r = sanitizeHtml(input);
      assert.equal(r.html, expected);
      assert.deepEqual(r.removed, removed);
      assert.doesNotMatch(r.html, /<script|<[^>]*\son\w+=|href="\s*javascript/i);
    });
  }
});

describe('safeHref', () => {
  test('accepts http, https and site paths; refuses everything else', () => {
    assert.equal(safeHref('http://a.cn/'), 'http://a.cn/');
    assert.equal(safeHref('/surveys/1'), '/surveys/1');
    for (const bad of ['mailto:a@b.c', 'vbscript:x', 'surveys/1', '#top', '', 'https:/x', 'https://'])
      assert.equal(safeHref(bad), null, bad);
  });
});
