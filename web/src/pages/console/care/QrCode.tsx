import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Skeleton, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmLink } from '../../../api/care';

/** The receiver's confirmation link as a QR code to scan with a phone, with the link itself to copy or send. */
export function ConfirmQr({ token, label }: { token: string; label: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const link = confirmLink(token);
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    QRCode.toDataURL(link, { margin: 1, width: 240, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [link]);

  const copy = () =>
    navigator.clipboard
      ?.writeText(link)
      .then(() => message.success(t('care.qr.copied')))
      .catch(() => message.error(t('care.qr.copyFailed')));

  return (
    <figure className="uc-care-qr" data-testid="confirm-qr" data-link={link}>
      {src ? <img src={src} width={240} height={240} alt={label} /> : <Skeleton.Image active />}
      <figcaption>
        <Typography.Text className="uc-care-qr-link" code>
          {link}
        </Typography.Text>
        <Button size="small" icon={<CopyOutlined />} onClick={copy}>
          {t('care.qr.copy')}
        </Button>
      </figcaption>
    </figure>
  );
}
