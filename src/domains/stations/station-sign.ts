/**
 * The A4 sign at a station's door (站点标识): name, code, hours, amenities with icons, the welcome statement and a
 * QR code to the station's public page. SVG, so it prints sharp at any size and needs no font files on the server;
 * the printer's CJK font draws the text.
 */
import QRCode from 'qrcode';
import { AMENITY_LABELS, type Amenity, isAmenity } from './amenity.ts';
import { formatHours, type OpeningHours } from './opening-hours.ts';
import { STATION_TYPES, type StationType } from './station-code.ts';

export interface SignData {
  code: string;
  stationType: string;
  name: string;
  address: string;
  phone: string | null;
  hours: OpeningHours;
  amenities: string[];
  /** Absolute URL of the public page the QR code opens. */
  pageUrl: string;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Simple 10×10 pictograms drawn with strokes, one per amenity. */
const ICONS: Record<Amenity, string> = {
  drinking_water: '<path d="M5 1 C5 1 1.5 5.5 1.5 7 A3.5 3 0 0 0 8.5 7 C8.5 5.5 5 1 5 1Z"/>',
  hot_water:
    '<path d="M2 4h6v4a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2Z M8 5h1.2v2H8 M4 1c-.6 .8 .6 1.2 0 2 M6 1c-.6 .8 .6 1.2 0 2"/>',
  microwave:
    '<rect x="1" y="2" width="8" height="6" rx=".5"/><rect x="2" y="3" width="4.5" height="4"/><path d="M7.8 3.5v3"/>',
  phone_charging: '<rect x="3" y="1" width="4" height="8" rx=".6"/><path d="M5.4 3 4.3 5.2h1.4L4.6 7.3"/>',
  ebike_charging:
    '<circle cx="2.5" cy="7" r="1.8"/><circle cx="7.5" cy="7" r="1.8"/><path d="M2.5 7 4.5 3.5h2.5L7.5 7 M5.6 1 4.8 2.5h1.2L5.2 4"/>',
  toilet:
    '<circle cx="3" cy="2" r=".9"/><circle cx="7" cy="2" r=".9"/><path d="M3 3.5v5 M2 4.5h2 M7 3.5 5.8 7h2.4Z M6.6 7v2 M7.4 7v2"/>',
  air_conditioning: '<path d="M5 1v8 M1.5 3l7 4 M1.5 7l7-4 M4 1.8 5 2.6 6 1.8 M4 8.2 5 7.4 6 8.2"/>',
  heating:
    '<path d="M5 9C2.5 9 2 6.5 3.5 4.5 3.5 6 4.5 6.2 4.6 5.5 4.6 3.5 5.5 2 6.5 1 6.2 3 8 4.5 8 6.5 8 8 6.8 9 5 9Z"/>',
  first_aid_kit: '<rect x="1" y="2.5" width="8" height="6" rx=".6"/><path d="M4 2.5V1.5h2v1 M5 4v3 M3.5 5.5h3"/>',
  rest_seats: '<path d="M2.5 1v5h5v3 M2.5 6v3 M2.5 4h4"/>',
  wifi: '<path d="M1 4a5.7 5.7 0 0 1 8 0 M2.5 5.6a3.5 3.5 0 0 1 5 0 M4 7.2a1.4 1.4 0 0 1 2 0"/><circle cx="5" cy="8.6" r=".4"/>',
  books: '<path d="M5 2.5C4 1.7 2.3 1.5 1 1.8v6c1.3-.3 3 0 4 .8 1-.8 2.7-1.1 4-.8v-6C7.7 1.5 6 1.7 5 2.5Z M5 2.5v6"/>',
  tyre_pump: '<path d="M3 9h4 M5 9V3.5 M3.5 3.5h3V2.5h-3Z M5 2.5V1 M3 1h4 M7 6.5c1.5 0 2 .8 2 2"/>',
  lockers:
    '<rect x="1.5" y="1" width="7" height="8"/><path d="M5 1v8 M1.5 5h7 M3.8 2.8v.8 M6.2 2.8v.8 M3.8 6.6v.8 M6.2 6.6v.8"/>',
  umbrella: '<path d="M1 5a4 4 0 0 1 8 0Z M5 5v3a1 1 0 0 1-2 0 M5 1v-.2"/>',
};

/** Breaks text into lines of at most `width` units (CJK = 1, Latin ≈ 0.55) for an SVG that cannot wrap. */
export function wrap(text: string, width: number, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of text) {
    const w = /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55;
    if (used + w > width && line) {
      lines.push(line);
      line = '';
      used = 0;
      if (lines.length === maxLines) break;
    }
    line += ch;
    used += w;
  }
  if (line && lines.length < maxLines) lines.push(line);
  else if (lines.length === maxLines && line) lines[maxLines - 1] = `${lines[maxLines - 1]!.slice(0, -1)}…`;
  return lines;
}

const FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif";

function textLines(lines: string[], x: number, y: number, size: number, lineHeight: number, attrs = ''): string {
  return lines
    .map((l, i) => `<text x="${x}" y="${y + i * lineHeight}" font-size="${size}"${attrs}>${esc(l)}</text>`)
    .join('');
}

/** Renders the sign as a standalone SVG document in millimetres (A4 portrait). */
export async function renderSign(data: SignData): Promise<string> {
  const qr = (await QRCode.toString(data.pageUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })).replace(
    '<svg ',
    '<svg x="140" y="226" width="56" height="56" ',
  );
  const type = STATION_TYPES[data.stationType as StationType] ?? STATION_TYPES.H;
  const nameLines = wrap(data.name, 14, 2);
  const amenities = data.amenities.filter(isAmenity);
  const hoursZh = wrap(formatHours(data.hours, 'zh-CN'), 30, 3);
  const hoursEn = wrap(formatHours(data.hours, 'en'), 52, 2);
  const cells = amenities
    .map((a, i) => {
      const x = 14 + (i % 5) * 37;
      const y = 164 + Math.floor(i / 5) * 18;
      return (
        `<g transform="translate(${x} ${y})"><rect width="12" height="12" rx="2" fill="#fdecea"/>` +
        `<g transform="translate(1 1)" fill="none" stroke="#c8161d" stroke-width=".7" stroke-linecap="round" stroke-linejoin="round">${ICONS[a]}</g>` +
        `<text x="14" y="5.5" font-size="4">${esc(AMENITY_LABELS[a]['zh-CN'])}</text>` +
        `<text x="14" y="10.5" font-size="2.8" fill="#555">${esc(AMENITY_LABELS[a].en)}</text></g>`
      );
    })
    .join('');
  const nameY = nameLines.length > 1 ? 62 : 70;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="${FONT}">`,
    `<title>${esc(`${data.name} ${data.code}`)}</title>`,
    '<rect width="210" height="297" fill="#ffffff"/>',
    '<rect width="210" height="44" fill="#c8161d"/>',
    `<text x="105" y="22" font-size="13" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(type['zh-CN'])}</text>`,
    `<text x="105" y="34" font-size="6" fill="#ffffff" text-anchor="middle">${esc(type.en)}</text>`,
    textLines(nameLines, 105, nameY, 12, 14, ' font-weight="700" text-anchor="middle"'),
    textLines(wrap(data.address, 36, 1), 105, 96, 5, 6, ' fill="#444" text-anchor="middle"'),
    '<rect x="14" y="104" width="182" height="20" rx="3" fill="#fff4e5"/>',
    '<text x="105" y="114" font-size="9" font-weight="700" fill="#c8161d" text-anchor="middle">户外劳动者之家 欢迎您</text>',
    '<text x="105" y="121" font-size="4.5" fill="#c8161d" text-anchor="middle">All outdoor workers are welcome here</text>',
    '<text x="14" y="134" font-size="5" font-weight="700">开放时间 Opening hours</text>',
    textLines(hoursZh, 70, 134, 4.5, 5.5),
    textLines(hoursEn, 70, 134 + hoursZh.length * 5.5, 3.5, 4.5, ' fill="#555"'),
    cells,
    '<line x1="14" y1="220" x2="196" y2="220" stroke="#c8161d" stroke-width=".6"/>',
    '<text x="14" y="236" font-size="5">站点编码 Station code</text>',
    `<text x="14" y="252" font-size="13" font-weight="700" font-family="'DejaVu Sans Mono',monospace" letter-spacing=".8">${esc(data.code)}</text>`,
    data.phone ? `<text x="14" y="266" font-size="5">服务电话 Phone: ${esc(data.phone)}</text>` : '',
    '<text x="14" y="278" font-size="4.5" fill="#444">职工服务热线 Workers’ hotline 12351</text>',
    qr,
    '<text x="168" y="287" font-size="3.5" text-anchor="middle">扫码查看站点信息 Scan for details</text>',
    `<text x="168" y="292" font-size="2.6" fill="#555" text-anchor="middle">${esc(data.pageUrl)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
