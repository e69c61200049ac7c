import { Alert, Descriptions, Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../api/auth';
import { useMemberDetail } from '../../api/console';
import { type AidCard, PERMISSIONS } from '../../api/types';
import { formatDate, formatDateTime } from '../../lib/dates';
import { RevealValue } from './RevealValue';
import { CardStatusTag, MemberStatusTag, useGenderLabel } from './tags';

interface Props {
  memberId: string | null;
  onClose: () => void;
}

/** The card whose bank account a bankAccount reveal returns: the one with a bank account that runs longest. */
function primaryCard(cards: AidCard[]): AidCard | undefined {
  return cards
    .filter((c) => c.bankAccountMasked)
    .reduce<AidCard | undefined>((best, c) => (!best || c.validTo > best.validTo ? c : best), undefined);
}

/** Member detail drawer: personal data (masked), status history and aid cards. */
export function MemberDrawer({ memberId, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const detail = useMemberDetail(memberId);
  const genderLabel = useGenderLabel();
  const mayReveal = can(me.data, PERMISSIONS.membersReveal);
  const m = detail.data;

  let body: ReactNode;
  if (detail.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (detail.isError) body = <Alert type="error" showIcon title={detail.error.message} />;
  else if (m) {
    const revealCard = primaryCard(m.cards);
    body = (
      <div className="uc-drawer-body" data-testid="member-detail">
        <Descriptions
          title={t('detail.basic')}
          column={1}
          size="small"
          bordered
          items={[
            { key: 'name', label: t('detail.name'), children: m.name },
            { key: 'phone', label: t('detail.phone'), children: <span className="uc-mono">{m.phone}</span> },
            {
              key: 'id',
              label: t('detail.idNumber'),
              children: <RevealValue memberId={m.id} field="idNumber" masked={m.idNumberMasked} allowed={mayReveal} />,
            },
            { key: 'gender', label: t('detail.gender'), children: genderLabel(m.gender) },
            { key: 'birth', label: t('detail.birthDate'), children: formatDate(m.birthDate) },
            { key: 'union', label: t('detail.union'), children: m.union?.name ?? '—' },
            { key: 'status', label: t('detail.status'), children: <MemberStatusTag status={m.status} /> },
            { key: 'joined', label: t('detail.joinedOn'), children: formatDate(m.joinedOn) },
          ]}
        />

        <Typography.Title level={5} className="uc-drawer-section">
          {t('detail.cards')}
        </Typography.Title>
        {m.cards.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noCards')} />
        ) : (
          m.cards.map((card) => (
            <Descriptions
              key={card.id}
              className="uc-drawer-card"
              column={1}
              size="small"
              bordered
              items={[
                { key: 'no', label: t('detail.cardNo'), children: <span className="uc-mono">{card.cardNo}</span> },
                { key: 'status', label: t('member.cardStatus'), children: <CardStatusTag status={card.status} /> },
                {
                  key: 'valid',
                  label: t('detail.validity'),
                  children: t('member.validRange', { from: formatDate(card.validFrom), to: formatDate(card.validTo) }),
                },
                { key: 'bank', label: t('detail.bankName'), children: card.bankName ?? '—' },
                {
                  key: 'account',
                  label: t('detail.bankAccount'),
                  children: (
                    <RevealValue
                      memberId={m.id}
                      field="bankAccount"
                      masked={card.bankAccountMasked}
                      allowed={mayReveal && card.id === revealCard?.id}
                    />
                  ),
                },
              ]}
            />
          ))
        )}

        <Typography.Title level={5} className="uc-drawer-section">
          {t('detail.history')}
        </Typography.Title>
        {m.statusHistory.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.historyEmpty')} />
        ) : (
          <Timeline
            className="uc-history"
            items={m.statusHistory.map((h, i) => ({
              key: `${h.at}-${i}`,
              content: (
                <div>
                  <div>
                    <MemberStatusTag status={h.status} /> <span className="uc-mono">{formatDateTime(h.at)}</span>
                  </div>
                  <div>{h.unionName}</div>
                  {h.reason && (
                    <Typography.Text type="secondary">
                      {t(`statusReason.${h.reason.trim().replace(/\s+/g, '_')}`, { defaultValue: h.reason })}
                    </Typography.Text>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </div>
    );
  }

  return (
    <Drawer
      open={Boolean(memberId)}
      onClose={onClose}
      title={m ? `${t('detail.title')} · ${m.name}` : t('detail.title')}
      size={560}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}
