/** Test files for the mutual-aid journey, made in memory: a photo (PNG), a certificate (PDF), a bank return file. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real 320×200 PNG: wooden floor boards with a pool of water, so the reviewer's screenshot shows a picture. */
export function damagePhotoPng(width = 320, height = 200): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const board = Math.floor(y / 25) % 2;
      const grain = (x * 7 + y * 3) % 23 < 2 ? -25 : 0;
      const dx = (x - width * 0.6) / (width * 0.3);
      const dy = (y - height * 0.55) / (height * 0.3);
      const water = dx * dx + dy * dy < 1;
      const [r, g, b] = water
        ? [70, 120, 170]
        : board
          ? [176 + grain, 120 + grain, 70]
          : [160 + grain, 108 + grain, 62];
      row.writeUInt8(Math.max(0, r), 1 + x * 3);
      row.writeUInt8(Math.max(0, g), 2 + x * 3);
      row.writeUInt8(Math.max(0, b), 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a few lines of text and a correct cross-reference table. */
export function certificatePdf(lines: string[]): Buffer {
  const text = lines
    .map((l, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 40 ${250 - i * 28} Td (${l.replace(/[()\\]/g, '\\$&')}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 300] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The payment references of a bank file (CSV as the console downloads it: BOM, header row, 付款参考号 column). */
export function bankFileReferences(csv: string): string[] {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean);
  const header = lines[0]!.split(',');
  const col = header.indexOf('付款参考号');
  if (col < 0) throw new Error(`no 付款参考号 column in ${header.join(',')}`);
  return lines.slice(1).map((l) => l.split(',')[col]!.replace(/^"|"$/g, ''));
}

/** The bank's return file: every reference paid. */
export function returnFileCsv(references: string[]): Buffer {
  const rows = ['付款参考号,状态,原因', ...references.map((r) => `${r},成功,`)];
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}

/** A plain date in Beijing `days` before today. */
export function beijingDaysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - days * 86_400_000),
  );
}
