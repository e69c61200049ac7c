import { ArrowLeftOutlined, ExclamationCircleFilled, PlusOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { Button, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../../api/auth';
import { CARE_PERMISSIONS, type CareItem, useCareItems } from '../../../api/care';
import { ApiError } from '../../../api/client';
import { useUnions } from '../../../api/console';
import { buildUnionTree, type UnionNode } from '../../../lib/unionTree';

/** Small pieces shared by the console's care pages. */

/** Whether the signed-in staff member may change care records (the pages show their write buttons only then). */
export function useCanManageCare(): boolean {
  const me = useMe();
  return can(me.data, CARE_PERMISSIONS.manage);
}

/** A care page's heading row: the title (after a link back, on a sub-page) and the page's actions at the end. */
export function CarePageHead({
  title,
  back,
  children,
}: {
  title: ReactNode;
  back?: { to: string; label: string };
  children?: ReactNode;
}) {
  const heading = (
    <Typography.Title level={1} className="uc-care-h1">
      {title}
    </Typography.Title>
  );
  return (
    <div className="uc-care-head">
      {back ? (
        <Space>
          <Link to={back.to} aria-label={back.label}>
            <ArrowLeftOutlined />
          </Link>
          {heading}
        </Space>
      ) : (
        heading
      )}
      {children}
    </div>
  );
}

/** The page's primary "new …" button. */
export function NewButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick}>
      {label}
    </Button>
  );
}

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

const toOption = (node: UnionNode): TreeOption => ({
  value: node.union.id,
  title: node.union.name,
  children: node.children.map(toOption),
});

/**
 * The staff member's union subtree as a searchable tree select (the API returns only what they may see). With
 * `pickSole`, a staff member who has exactly one union to choose from finds it chosen (a form's required field).
 */
export function UnionSelect({
  value,
  onChange,
  allowClear = false,
  placeholder,
  id,
  style,
  pickSole = false,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  pickSole?: boolean;
}) {
  const { t } = useTranslation();
  const unions = useUnions();
  const treeData = useMemo(() => buildUnionTree(unions.data ?? []).map(toOption), [unions.data]);
  const sole = unions.data?.length === 1 ? unions.data[0]!.id : undefined;
  useEffect(() => {
    if (pickSole && sole && value === undefined) onChange?.(sole);
  }, [pickSole, sole, value, onChange]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      loading={unions.isPending}
      placeholder={placeholder ?? t('care.common.pickUnion')}
      style={{ minWidth: 240, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}

export function itemLabel(item: Pick<CareItem, 'name' | 'unit' | 'kind'>, t: TFunction): string {
  return `${item.name}${t('common.inParens', { text: item.unit })}${item.kind === 'kit' ? ` · ${t('care.stock.kit')}` : ''}`;
}

/** Items and kits to pick from; `kind` narrows to one of them. */
export function ItemSelect({
  value,
  onChange,
  kind,
  id,
  allowClear = false,
  placeholder,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  kind?: CareItem['kind'];
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const items = useCareItems();
  const options = (items.data ?? [])
    .filter((i) => !kind || i.kind === kind)
    .map((i) => ({ value: i.id, label: itemLabel(i, t) }));
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={items.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t('care.common.pickItem')}
      style={{ minWidth: 220 }}
    />
  );
}

/** Low stock in words and icon, never colour alone. */
export function LowStockTag() {
  const { t } = useTranslation();
  return (
    <Tag color="warning" icon={<ExclamationCircleFilled />} data-testid="low-stock">
      {t('care.stock.low')}
    </Tag>
  );
}

/** Signed quantities read as +12 / −3 so a correction's direction is obvious. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}

/** JSON-pointer field paths from problem+json (`/lines/0/quantity`) as antd form name paths. */
function namePath(field: string): (string | number)[] {
  return field
    .replace(/^\/?(body[/.])?/, '')
    .split(/[/.]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Shows a failed write where it belongs: field errors beside the fields the form has, everything else as a
 * message (the server's text is already in the reader's language).
 */
export function showProblem(
  err: Error,
  form: FormInstance | null,
  message: { error: (text: string) => unknown },
): void {
  if (err instanceof ApiError && form && err.problem.errors?.length) {
    const known = err.problem.errors.filter((e) => {
      const path = namePath(e.field);
      return path.length > 0 && form.getFieldInstance(path) !== undefined;
    });
    if (known.length > 0) form.setFields(known.map((e) => ({ name: namePath(e.field), errors: [e.message] })));
    if (known.length === err.problem.errors.length) return;
    const rest = err.problem.errors.filter((e) => !known.includes(e));
    void message.error(rest.map((e) => e.message).join(' '));
    return;
  }
  void message.error(problemText(err));
}

/**
 * A refusal in the server's own words: its field messages (a 400 says only "some fields are not valid" in its
 * detail) or else the detail.
 */
export function problemText(err: Error): string {
  const errors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
  return errors.length > 0 ? errors.map((e) => e.message).join(' ') : err.message;
}

/** Today's date in Beijing as YYYY-MM-DD. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}
