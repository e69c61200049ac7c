import { ClearOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTH = 480;
const HEIGHT = 180;

/**
 * A signature drawn with finger, pen or mouse on a <canvas>, reported as a PNG data URL (undefined when blank).
 * Pointer events cover all three; the typed signed name beside it stays the accessible way to sign.
 */
export function SignaturePad({ onChange, label }: { onChange: (png: string | undefined) => void; label: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);
  const hintId = useId();

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    // a white ground, so the PNG reads on any background; the backing store at device resolution for a crisp line
    const ratio = window.devicePixelRatio || 1;
    c.width = WIDTH * ratio;
    c.height = HEIGHT * ratio;
    ctx.scale(ratio, ratio);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) * WIDTH) / rect.width, y: ((e.clientY - rect.top) * HEIGHT) / rect.height };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };

  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    inked.current = true;
  };

  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    if (inked.current) onChange(canvas.current?.toDataURL('image/png'));
  };

  const clear = () => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    inked.current = false;
    onChange(undefined);
  };

  return (
    <div className="uc-sign">
      <canvas
        ref={canvas}
        className="uc-sign-canvas"
        style={{ aspectRatio: `${WIDTH} / ${HEIGHT}` }}
        aria-label={label}
        aria-describedby={hintId}
        role="img"
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <div className="uc-sign-foot">
        <span id={hintId} className="uc-muted">
          {t('care.sign.hint')}
        </span>
        <Button size="small" icon={<ClearOutlined />} onClick={clear}>
          {t('care.sign.clear')}
        </Button>
      </div>
    </div>
  );
}
