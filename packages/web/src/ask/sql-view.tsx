import { Fragment } from 'react';

const TOKENS =
  /(--[^\n]*)|('(?:[^']|'')*')|("(?:[^"]|"")*")|\b(WITH|AS|SELECT|DISTINCT|FROM|WHERE|GROUP BY|ORDER BY|HAVING|LIMIT|OFFSET|JOIN|LEFT|RIGHT|FULL|INNER|OUTER|ON|AND|OR|NOT|IN|IS|NULL|BETWEEN|LIKE|ILIKE|CASE|WHEN|THEN|ELSE|END|CAST|DESC|ASC|NULLS|LAST|FIRST|INTERVAL|FILTER)\b|(\b\d+(?:\.\d+)?\b)/gi;

/** Splits SQL into spans for highlighting: comments, strings, quoted names, keywords, numbers. */
export function sqlTokens(sql: string): { text: string; kind: string | null }[] {
  const out: { text: string; kind: string | null }[] = [];
  let last = 0;
  for (const m of sql.matchAll(TOKENS)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: sql.slice(last, at), kind: null });
    const kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'ident' : m[4] ? 'keyword' : 'number';
    out.push({ text: m[0], kind });
    last = at + m[0].length;
  }
  if (last < sql.length) out.push({ text: sql.slice(last), kind: null });
  return out;
}

/** Read-only SQL with light highlighting (the step comments stand out: they explain each CTE). */
export function SqlView({ sql }: { sql: string }) {
  return (
    <pre className="ask-sql" data-testid="ask-sql">
      <code>
        {sqlTokens(sql).map((t, i) =>
          t.kind ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond their place
            <span key={i} className={`sql-${t.kind}`}>
              {t.text}
            </span>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <Fragment key={i}>{t.text}</Fragment>
          ),
        )}
      </code>
    </pre>
  );
}
