/**
 * Small PDF documents with Chinese text (certificates, reports): a title, paragraphs and simple tables, returned as
 * a Buffer. pdfkit's built-in fonts have no CJK glyphs, so Noto Sans SC is embedded (pdfkit subsets it: only the
 * glyphs used end up in the file, a few tens of KB).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let fontBytes: Buffer | undefined;

/** The Noto Sans SC font file, read once (10 MB) and shared by every document. */
export function chineseFont(): Buffer {
  fontBytes ??= fs.readFileSync(
    require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  );
  return fontBytes;
}

export interface PdfOptions {
  /** Document metadata title (also shown by PDF viewers). */
  title?: string;
  author?: string;
  layout?: 'portrait' | 'landscape';
  /** Margin in points on every side (default 56 ≈ 2 cm). */
  margin?: number;
}

export interface TableOptions {
  /** Relative column widths (default equal). */
  widths?: number[];
  fontSize?: number;
}

export interface BarChart {
  labels: string[];
  /** null: a withheld figure (e.g. a small cell of a report): no bar, `withheld` shown in its place. */
  values: (number | null)[];
  /** Shown above each bar (default the value itself). */
  format?: (value: number) => string;
  /** Shown just above the axis where a value is null (default empty). */
  withheld?: string;
  /** Chart height in points (default 160). */
  height?: number;
  color?: string;
}

export interface PdfBuilder {
  title(text: string, options?: { fontSize?: number; align?: 'left' | 'center' | 'right' }): PdfBuilder;
  /** `keep`: points of what follows to keep on the heading's page (starts a new page when they do not fit). */
  heading(text: string, options?: { keep?: number }): PdfBuilder;
  paragraph(
    text: string,
    options?: { fontSize?: number; align?: 'left' | 'center' | 'right' | 'justify'; indent?: number },
  ): PdfBuilder;
  space(lines?: number): PdfBuilder;
  table(headers: string[], rows: (string | number | null)[][], options?: TableOptions): PdfBuilder;
  /** A vertical bar chart drawn with vector primitives (pdfkit has no SVG), labels under the bars. */
  barChart(chart: BarChart): PdfBuilder;
  /** Finishes the document. */
  toBuffer(): Promise<Buffer>;
}

/** Starts an A4 document with the Chinese font selected. */
export function createPdf(options: PdfOptions = {}): PdfBuilder {
  const margin = options.margin ?? 56;
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin,
    info: { Title: options.title ?? '', Author: options.author ?? 'UnionCare', Creator: 'UnionCare' },
  });
  doc.registerFont('cjk', chineseFont());
  doc.font('cjk');
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = () => doc.page.width - 2 * margin;

  const builder: PdfBuilder = {
    title(text, o = {}) {
      doc.fontSize(o.fontSize ?? 22).text(text, margin, undefined, { align: o.align ?? 'center', width: width() });
      doc.moveDown(0.8);
      return builder;
    },
    heading(text, o = {}) {
      doc.fontSize(14);
      if (o.keep && doc.y + doc.currentLineHeight(true) + o.keep > doc.page.height - margin) doc.addPage();
      doc.text(text, margin, undefined, { width: width() });
      doc.moveDown(0.3);
      return builder;
    },
    paragraph(text, o = {}) {
      doc.fontSize(o.fontSize ?? 12).text(text, margin, undefined, {
        align: o.align ?? 'left',
        width: width(),
        indent: o.indent ?? 0,
        lineGap: 4,
      });
      doc.moveDown(0.5);
      return builder;
    },
    space(lines = 1) {
      doc.moveDown(lines);
      return builder;
    },
    table(headers, rows, o = {}) {
      const size = o.fontSize ?? 10;
      const rel = o.widths ?? headers.map(() => 1);
      const total = rel.reduce((s, w) => s + w, 0);
      const cols = rel.map((w) => (w / total) * width());
      const pad = 4;
      const drawRow = (cells: (string | number | null)[], shaded: boolean) => {
        doc.fontSize(size);
        const texts = cells.map((c) => (c === null || c === undefined ? '' : String(c)));
        const height = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: cols[i]! - 2 * pad }))) + 2 * pad;
        if (doc.y + height > doc.page.height - margin) doc.addPage();
        const y = doc.y;
        let x = margin;
        if (shaded) doc.save().rect(margin, y, width(), height).fill('#eeeeee').restore();
        texts.forEach((t, i) => {
          doc.fillColor('#000000').text(t, x + pad, y + pad, { width: cols[i]! - 2 * pad });
          x += cols[i]!;
        });
        doc
          .moveTo(margin, y + height)
          .lineTo(margin + width(), y + height)
          .lineWidth(0.5)
          .strokeColor('#999999')
          .stroke();
        doc.x = margin;
        doc.y = y + height;
      };
      drawRow(headers, true);
      for (const r of rows) drawRow(r, false);
      doc.moveDown(0.8);
      return builder;
    },
    barChart(c) {
      const height = c.height ?? 160;
      const labelH = 14;
      if (doc.y + height + labelH * 2 > doc.page.height - margin) doc.addPage();
      const top = doc.y + labelH;
      const base = top + height;
      const max = Math.max(1, ...c.values.map((v) => v ?? 0));
      const slot = width() / Math.max(1, c.values.length);
      const bar = slot * 0.6;
      doc
        .moveTo(margin, base)
        .lineTo(margin + width(), base)
        .lineWidth(0.5)
        .strokeColor('#666666')
        .stroke();
      c.values.forEach((v, i) => {
        const h = (Math.max(0, v ?? 0) / max) * height;
        const x = margin + i * slot + (slot - bar) / 2;
        if (h > 0)
          doc
            .save()
            .rect(x, base - h, bar, h)
            .fill(c.color ?? '#3366cc')
            .restore();
        doc.fillColor('#000000').fontSize(7);
        doc.text(v === null ? (c.withheld ?? '') : (c.format ?? String)(v), margin + i * slot, base - h - 10, {
          width: slot,
          align: 'center',
          lineBreak: false,
        });
        doc.text(c.labels[i] ?? '', margin + i * slot, base + 3, { width: slot, align: 'center', lineBreak: false });
      });
      doc.x = margin;
      doc.y = base + labelH + 6;
      return builder;
    },
    toBuffer() {
      doc.end();
      return done;
    },
  };
  return builder;
}
