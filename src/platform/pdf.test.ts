import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFParse } from 'pdf-parse';
import { createPdf } from './pdf.ts';

async function textOf(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

test('a document with Chinese title, paragraph and table reads back as the same text', async () => {
  const pdf = await createPdf({ title: '测试' })
    .title('志愿服务证明')
    .paragraph('兹证明张晓燕同志参加社区核酸检测信息录入志愿服务。')
    .table(['日期', '任务', '时长'], [['2022-05-10', '信息录入', '8 小时']], { widths: [2, 3, 1] })
    .toBuffer();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const text = (await textOf(pdf)).replace(/\s+/g, '');
  for (const s of ['志愿服务证明', '张晓燕', '核酸检测信息录入', '2022-05-10', '8小时']) assert.ok(text.includes(s), s);
  // The 10 MB font is subset: only the glyphs used are embedded.
  assert.ok(pdf.length < 300_000, `pdf is ${pdf.length} bytes`);
});

test('a long table breaks across pages', async () => {
  const rows = Array.from({ length: 120 }, (_, i) => [`第${i + 1}行`, '内容']);
  const pdf = await createPdf().table(['序号', '内容'], rows).toBuffer();
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  const info = await parser.getInfo();
  await parser.destroy();
  assert.ok(info.total > 1, `pages: ${info.total}`);
  assert.ok((await textOf(pdf)).includes('第120行'));
});
