import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Input, Skeleton, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnions } from '../../api/console';
import { buildUnionTree, filterUnionTree, matchesUnion, type UnionNode } from '../../lib/unionTree';

interface Props {
  selectedId: string | undefined;
  onSelect: (id: string | undefined) => void;
}

function Highlight({ text, query }: { text: string; query: string }) {
  const q = query.trim();
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="uc-tree-mark">{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

/** Left pane of 会员管理: the signed-in staff member's union subtree, searchable, with member counts. */
export function UnionTreePanel({ selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const unions = useUnions();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);

  const forest = useMemo(() => buildUnionTree(unions.data ?? []), [unions.data]);
  const filtered = useMemo(() => filterUnionTree(forest, query), [forest, query]);

  // open the top two levels once the tree arrives
  useEffect(() => {
    setExpanded(forest.flatMap((root) => [root.union.id, ...root.children.map((c) => c.union.id)]));
  }, [forest]);

  // searching reveals every match
  useEffect(() => {
    if (query.trim()) setExpanded((prev) => [...new Set([...prev, ...filtered.expand])]);
  }, [query, filtered.expand]);

  const treeData = useMemo(() => {
    const toData = (node: UnionNode): DataNode => ({
      key: node.union.id,
      title: (
        <span className="uc-tree-node" data-union-kind={node.union.kind}>
          <span className="uc-tree-name">
            <Highlight text={node.union.name} query={query} />
          </span>
          <span className="uc-tree-count">{t('members.memberCount', { count: node.total })}</span>
        </span>
      ),
      children: node.children.map(toData),
      className: query && matchesUnion(node.union, query) ? 'uc-tree-hit' : undefined,
    });
    return filtered.roots.map(toData);
  }, [filtered.roots, query, t]);

  let body: ReactNode;
  if (unions.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (unions.isError) body = <Alert type="error" showIcon title={unions.error.message} />;
  else if (treeData.length === 0) body = <Empty description={t('members.treeEmpty')} />;
  else
    body = (
      <Tree
        className="uc-union-tree"
        blockNode
        showLine
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={selectedId ? [selectedId] : []}
        onSelect={(keys) => onSelect(keys[0] === undefined ? undefined : String(keys[0]))}
        aria-label={t('members.treeTitle')}
      />
    );

  return (
    <Card
      className="uc-tree-card"
      size="small"
      title={
        <span>
          <ApartmentOutlined aria-hidden="true" /> {t('members.treeTitle')}
        </span>
      }
    >
      <label htmlFor={searchId} className="uc-sr-only">
        {t('members.treeSearch')}
      </label>
      <Input.Search
        id={searchId}
        allowClear
        placeholder={t('members.treeSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        className="uc-tree-search"
      />
      {body}
    </Card>
  );
}
