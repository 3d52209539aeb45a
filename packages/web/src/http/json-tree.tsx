import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { initiallyOpen, type JsonNode, parentPath, preview, visibleNodes } from './json-path.js';

function valueClass(value: unknown): string {
  if (value === null) return 'json-null';
  if (Array.isArray(value) || typeof value === 'object') return 'json-container';
  return `json-${typeof value}`;
}

/**
 * A collapsible JSON tree (WAI-ARIA tree pattern): ↑/↓ move, → opens or goes to the first child, ← closes or goes
 * to the parent, Home/End, Enter toggles, `c` copies the focused node's path (also a button on each row).
 */
export function JsonTree(props: { value: unknown; onCopyPath(path: string): void; label?: string }) {
  const { value, onCopyPath } = props;
  const [open, setOpen] = useState<Set<string>>(() => initiallyOpen(value));
  const [limits, setLimits] = useState<Record<string, number>>({});
  const [focus, setFocus] = useState('$');
  const rowRefs = useRef(new Map<string, HTMLDivElement>());
  const focusOnRender = useRef(false);

  useEffect(() => {
    setOpen(initiallyOpen(value));
    setLimits({});
    setFocus('$');
  }, [value]);

  const nodes = useMemo(() => visibleNodes(value, open, limits), [value, open, limits]);
  const index = Math.max(
    0,
    nodes.findIndex((n) => n.path === focus),
  );

  useEffect(() => {
    if (!focusOnRender.current) return;
    focusOnRender.current = false;
    rowRefs.current.get(nodes[index]?.path ?? '$')?.focus();
  });

  const moveTo = (path: string | undefined) => {
    if (path === undefined) return;
    focusOnRender.current = true;
    setFocus(path);
  };
  const toggle = (path: string, to?: boolean) =>
    setOpen((s) => {
      const next = new Set(s);
      if (to ?? !next.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });
  const showMore = (node: JsonNode) => {
    if (!node.more) return;
    const { parent, shown } = node.more;
    setLimits((l) => ({ ...l, [parent]: shown + 100 }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const node = nodes[index];
    if (!node) return;
    const isOpen = open.has(node.path);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(nodes[index + 1]?.path);
        break;
      case 'ArrowUp':
        moveTo(nodes[index - 1]?.path);
        break;
      case 'Home':
        moveTo(nodes[0]?.path);
        break;
      case 'End':
        moveTo(nodes[nodes.length - 1]?.path);
        break;
      case 'ArrowRight':
        if (node.container && node.size > 0 && !isOpen) toggle(node.path, true);
        else if (node.container && isOpen) moveTo(nodes[index + 1]?.path);
        break;
      case 'ArrowLeft':
        if (node.container && isOpen) toggle(node.path, false);
        else moveTo(node.more ? node.more.parent : (parentPath(node.path) ?? undefined));
        break;
      case 'Enter':
      case ' ':
        if (node.more) showMore(node);
        else if (node.container) toggle(node.path);
        break;
      case 'c':
        if (!node.more) onCopyPath(node.path);
        break;
      default:
        handled = false;
    }
    if (handled) e.preventDefault();
  };

  return (
    <div className="json-tree" role="tree" aria-label={props.label ?? 'Response body'} onKeyDown={onKeyDown}>
      {nodes.map((node, i) => (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keys for its items (roving focus)
        <div
          key={node.path}
          ref={(el) => {
            if (el) rowRefs.current.set(node.path, el);
            else rowRefs.current.delete(node.path);
          }}
          role="treeitem"
          aria-level={node.depth + 1}
          aria-expanded={node.container && node.size > 0 ? open.has(node.path) : undefined}
          aria-selected={i === index}
          tabIndex={i === index ? 0 : -1}
          className={i === index ? 'json-row focused' : 'json-row'}
          style={{ paddingLeft: `calc(${node.depth} * 1.25em + var(--space-2))` }}
          data-path={node.path}
          onClick={() => {
            setFocus(node.path);
            if (node.more) showMore(node);
            else if (node.container) toggle(node.path);
          }}
        >
          {node.more ? (
            <span className="json-more">
              Show more ({node.more.shown.toLocaleString('en-US')} of{' '}
              {node.more.total.toLocaleString('en-US')} shown)
            </span>
          ) : (
            <>
              <span className="json-toggle" aria-hidden="true">
                {node.container && node.size > 0 ? (open.has(node.path) ? '▾' : '▸') : ''}
              </span>
              {node.key !== null ? (
                <span className={typeof node.key === 'number' ? 'json-index' : 'json-key'}>
                  {typeof node.key === 'number' ? node.key : JSON.stringify(node.key)}
                  <span className="json-colon">: </span>
                </span>
              ) : null}
              <span className={valueClass(node.value)}>{preview(node.value)}</span>
              <button
                type="button"
                className="json-copy btn ghost small"
                tabIndex={-1}
                title={`Copy the path ${node.path} (or press C)`}
                onClick={(e) => {
                  e.stopPropagation();
                  onCopyPath(node.path);
                }}
              >
                Copy path
              </button>
            </>
          )}
        </div>
      ))}
    </div>
  );
}
