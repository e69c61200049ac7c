import {
  BoldOutlined,
  FontSizeOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { App, Button, Space, Tooltip } from 'antd';
import { type ChangeEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** HTML as the server last sanitised it (the editor is seeded once per `resetKey`). */
  value: string;
  onChange: (html: string) => void;
  /** Uploads one picture and resolves to its URL; the server checks type and size. */
  onUploadImage?: (file: File) => Promise<string>;
  /** Changing it reloads `value` into the editor (another article opened). */
  resetKey: string;
  label: string;
  id?: string;
}

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

/**
 * A small rich-text editor: contenteditable with a toolbar (bold, italic, heading, lists, link, picture). No editor
 * dependency; what it produces is only a draft — the server sanitises the HTML on save and that is what members see.
 */
export function RichTextEditor({ value, onChange, onUploadImage, resetKey, label, id }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const area = useRef<HTMLDivElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const saved = useRef<Range | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: seeded once per article, typing must not reset the caret
  useEffect(() => {
    if (area.current) area.current.innerHTML = value;
  }, [resetKey]);

  const emit = () => onChange(area.current?.innerHTML ?? '');

  const remember = () => {
    const sel = window.getSelection();
    if (sel && sel.rangeCount > 0 && area.current?.contains(sel.anchorNode)) saved.current = sel.getRangeAt(0);
  };
  const restore = () => {
    area.current?.focus();
    const sel = window.getSelection();
    if (saved.current && sel) {
      sel.removeAllRanges();
      sel.addRange(saved.current);
    }
  };

  // execCommand is deprecated but still the one editing API every browser implements for contenteditable
  const run = (command: Command | 'formatBlock' | 'createLink' | 'insertImage', arg?: string) => {
    restore();
    document.execCommand(command, false, arg);
    emit();
  };

  const heading = () => {
    restore();
    const block = document.queryCommandValue('formatBlock').toLowerCase();
    document.execCommand('formatBlock', false, block === 'h2' ? 'p' : 'h2');
    emit();
  };

  const link = () => {
    remember();
    let url = '';
    modal.confirm({
      title: t('hotline.editor.linkPrompt'),
      content: (
        <input
          className="uc-link-input"
          aria-label={t('hotline.editor.linkPrompt')}
          placeholder="https://"
          onChange={(e) => {
            url = e.target.value;
          }}
        />
      ),
      onOk: () => {
        if (/^https?:\/\//i.test(url.trim())) run('createLink', url.trim());
        else message.warning(t('hotline.editor.linkInvalid'));
      },
    });
  };

  const picked = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f || !onUploadImage) return;
    try {
      const url = await onUploadImage(f);
      run('insertImage', url);
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const tool = (title: string, icon: React.ReactNode, onClick: () => void) => (
    <Tooltip title={title}>
      <Button
        size="small"
        icon={icon}
        aria-label={title}
        onMouseDown={(e) => {
          e.preventDefault(); // keep the selection in the text
          remember();
        }}
        onClick={onClick}
      />
    </Tooltip>
  );

  return (
    <div className="uc-rte">
      <Space size={4} className="uc-rte-bar" role="toolbar" aria-label={label}>
        {tool(t('hotline.editor.bold'), <BoldOutlined />, () => run('bold'))}
        {tool(t('hotline.editor.italic'), <ItalicOutlined />, () => run('italic'))}
        {tool(t('hotline.editor.heading'), <FontSizeOutlined />, heading)}
        {tool(t('hotline.editor.bullets'), <UnorderedListOutlined />, () => run('insertUnorderedList'))}
        {tool(t('hotline.editor.numbers'), <OrderedListOutlined />, () => run('insertOrderedList'))}
        {tool(t('hotline.editor.link'), <LinkOutlined />, link)}
        {onUploadImage &&
          tool(t('hotline.editor.image'), <PictureOutlined />, () => {
            remember();
            file.current?.click();
          })}
        <input
          ref={file}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          style={{ display: 'none' }}
          onChange={picked}
        />
      </Space>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text field has no native element */}
      <div
        ref={area}
        id={id}
        className="uc-rte-area uc-article-body"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        tabIndex={0}
        onInput={emit}
        onBlur={remember}
        data-testid="article-editor"
      />
    </div>
  );
}
