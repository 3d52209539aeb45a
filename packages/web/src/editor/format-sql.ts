const CLAUSES = [
  'WITH',
  'SELECT',
  'FROM',
  'LEFT JOIN',
  'RIGHT JOIN',
  'INNER JOIN',
  'FULL JOIN',
  'CROSS JOIN',
  'JOIN',
  'WHERE',
  'GROUP BY',
  'HAVING',
  'QUALIFY',
  'WINDOW',
  'ORDER BY',
  'LIMIT',
  'OFFSET',
  'UNION ALL',
  'UNION',
  'EXCEPT',
  'INTERSECT',
];

const KEYWORDS = new Set(
  (
    'select from where group by order having limit offset join left right inner full outer cross on using as and ' +
    'or not in is null like ilike between case when then else end distinct with union all except intersect asc ' +
    'desc nulls first last over partition rows range qualify window filter cast true false exists count sum avg ' +
    'min max interval date timestamp'
  ).split(' '),
);

/**
 * A light formatter: keywords in capitals, each main clause on its own line, select items one per line.
 * Strings, quoted names and comments are left exactly as written.
 */
export function formatSql(sql: string): string {
  const tokens =
    sql.match(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\s+|[\p{L}_][\p{L}\p{N}_]*|./gsu) ??
    [];
  const words: string[] = [];
  for (const t of tokens) {
    if (/^\s+$/.test(t)) {
      if (words.length && words[words.length - 1] !== ' ') words.push(' ');
      continue;
    }
    words.push(KEYWORDS.has(t.toLowerCase()) ? t.toUpperCase() : t);
    if (t.startsWith('--')) words.push('\n');
  }
  let text = words.join('').trim();
  let depth = 0;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(depth - 1, 0);
    const before = i === 0 ? ' ' : text[i - 1]!;
    if (/[\s(]/.test(before)) {
      const clause = CLAUSES.find(
        (c) => text.startsWith(c, i) && !/[\p{L}\p{N}_]/u.test(text[i + c.length] ?? ' '),
      );
      if (clause) {
        const indent = '  '.repeat(depth);
        out = out.replace(/ $/, '');
        out += `${out === '' || out.endsWith('\n') ? '' : '\n'}${indent}${clause}`;
        i += clause.length;
        continue;
      }
    }
    if (ch === ',' && depth === 0) {
      out += ',\n  ';
      i++;
      while (text[i] === ' ') i++;
      continue;
    }
    out += ch;
    i++;
  }
  text = out
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''))
    .join('\n');
  return text.replace(/^(SELECT|GROUP BY|ORDER BY) (?=\S)/gm, '$1\n  ').trim();
}
