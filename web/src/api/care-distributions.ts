import { BASE, byId, enc, ME, send, useCareGet, useCareList, useCareWrite, useMemberWrite } from './care-query';
import { api } from './client';

/**
 * Distributions (物资发放): a plan of lines per recipient, hand-overs with their confirmation (signature, QR code or
 * the receiving union's representative), returns and the reconciliation; and the member's side of confirming.
 */

export interface Recipient {
  kind: 'union' | 'member';
  id: string;
  name: string;
  code: string | null;
}

export interface DistributionLine {
  id: string;
  recipient: Recipient;
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
}

export interface Handover {
  id: string;
  lineId: string;
  quantity: number;
  at: string;
  handedOverBy: string | null;
  signedName: string | null;
  hasSignature: boolean;
  confirmedAt: string | null;
  confirmMethod: 'signature' | 'qr' | 'representative' | null;
  /** present while unconfirmed: the QR code encodes it */
  confirmToken: string | null;
}

export interface DistributionSummary {
  id: string;
  title: string;
  fromUnionId: string;
  fromUnionName: string;
  itemId: string;
  itemName: string;
  unit: string;
  createdAt: string;
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
}

export interface Distribution extends DistributionSummary {
  note: string | null;
  lines: DistributionLine[];
  handovers: Handover[];
}

export interface DistributionInput {
  title: string;
  fromUnionId: string;
  itemId: string;
  lines: ({ toUnionId: string; planned: number } | { toMemberId: string; planned: number })[];
}

export interface HandoverInput {
  lineId: string;
  quantity: number;
  handedOverBy?: string;
  signedName?: string;
  /** the receiver's signature drawn on the hand-over dialog, as a PNG data URL */
  signaturePng?: string;
}

export interface Tally {
  planned: number;
  delivered: number;
  confirmed: number;
  returned: number;
  /** planned − (delivered − returned): still to hand over */
  outstanding: number;
  /** delivered − confirmed */
  unconfirmed: number;
}

export interface ReconciliationRow extends Tally {
  lineId: string;
  recipient: Recipient;
}

export interface Reconciliation {
  distributionId: string;
  title: string;
  items: ReconciliationRow[];
  totals: Tally;
  balanced: boolean;
}

export interface IncomingHandover {
  id: string;
  distributionId: string;
  distributionTitle: string;
  fromUnionName: string;
  toUnionName: string;
  itemName: string;
  quantity: number;
  at: string;
}

/** What a write on one distribution changes: that distribution and the list. */
const distributionKeys = (id: string) => [
  ['care', 'distribution', id],
  ['care', 'distributions'],
];

export const useDistributions = () =>
  useCareList<DistributionSummary>(['care', 'distributions'], `${BASE}/distributions`);

export const useDistribution = (id: string | undefined) =>
  useCareGet<Distribution>(...byId('distribution', `${BASE}/distributions`, id));

export const useReconciliation = (id: string | undefined) =>
  useCareGet<Reconciliation>(...byId('distribution', `${BASE}/distributions`, id, 'reconciliation'));

export const reconciliationXlsxUrl = (id: string) => `${BASE}/distributions/${enc(id)}/reconciliation.xlsx`;

export const useCreateDistribution = () =>
  useCareWrite(send<DistributionInput>(`${BASE}/distributions`), [['care', 'distributions']]);

export const useHandover = (id: string) =>
  useCareWrite(
    send<HandoverInput, { id: string; confirmToken: string | null; confirmed: boolean }>(
      `${BASE}/distributions/${enc(id)}/handovers`,
    ),
    distributionKeys(id),
  );

/** Unconfirmed hand-overs to unions in the staff member's subtree, for their representative to confirm. */
export const useIncomingHandovers = () =>
  useCareList<IncomingHandover>(['care', 'distributions', 'incoming'], `${BASE}/handovers/incoming`);

export const useStaffConfirm = (distributionId: string) =>
  useCareWrite(
    ({ handoverId, ...body }: { handoverId: string; signedName: string; token?: string; signaturePng?: string }) =>
      api<void>(`${BASE}/handovers/${enc(handoverId)}/confirm`, { method: 'POST', body }),
    distributionKeys(distributionId),
  );

export const useReturn = (id: string) =>
  useCareWrite(
    send<{ lineId: string; quantity: number; reason: string }>(`${BASE}/distributions/${enc(id)}/returns`),
    distributionKeys(id),
  );

/** The link a receiver opens (QR code) to confirm a hand-over with their own account. */
export const confirmLink = (token: string) => `${window.location.origin}/care/confirm/${enc(token)}`;

// ---- member: hand-overs to confirm ---------------------------------------------------------------------------------

export interface MyHandover {
  id: string;
  distributionTitle: string;
  fromUnionName: string;
  itemName: string;
  unit: string;
  quantity: number;
  at: string;
  confirmedAt: string | null;
}

export const useMyHandovers = () => useCareList<MyHandover>(['care', 'me', 'handovers'], `${ME}/handovers`);

/** What a confirmation link hands over (GET before the member signs for it); 404 when unknown, used or not theirs. */
export interface HandoverToConfirm {
  id: string;
  distributionTitle: string;
  fromUnionName: string;
  itemName: string;
  unit: string;
  kind: 'item' | 'kit';
  quantity: number;
  at: string;
  /** what one kit holds */
  components: { itemName: string; unit: string; quantity: number }[];
}

// Not under ['care', 'me']: confirming refetches those, and this link is used up by then.
export const useHandoverToConfirm = (token: string) =>
  useCareGet<HandoverToConfirm>(['care', 'confirm-link', token], `${ME}/handovers/by-token/${enc(token)}`, undefined, {
    enabled: Boolean(token),
    refetchOnWindowFocus: false,
  });

export const useConfirmByToken = () =>
  useMemberWrite((token: string) =>
    api<{ id: string; confirmedAt: string; quantity: number }>(`${ME}/handovers/confirm`, {
      method: 'POST',
      body: { token },
    }),
  );
