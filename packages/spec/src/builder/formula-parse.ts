/** Comparison and arithmetic operators of the formula language. */
export type FormulaOp = '+' | '-' | '*' | '/' | '=' | '<>' | '<' | '<=' | '>' | '>=';

/** A parsed formula; `at` is the 0-based character where the node starts (for error messages). */
export type FormulaNode =
  | { kind: 'column'; name: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'bool'; value: boolean; at: number }
  | { kind: 'binary'; op: FormulaOp; left: FormulaNode; right: FormulaNode; at: number }
  | { kind: 'neg'; arg: FormulaNode; at: number }
  | { kind: 'call'; name: string; args: FormulaNode[]; at: number };

/** A problem in a formula, pointing at a character (0-based `position`). */
export interface FormulaError {
  message: string;
  position: number;
  hints: string[];
}

/** The outcome of parsing a formula. */
export type FormulaResult<T> = { ok: true; value: T } | { ok: false; error: FormulaError };

type Token =
  | { t: 'num'; v: number; at: number; end: number }
  | { t: 'str'; v: string; at: number; end: number }
  | { t: 'col'; v: string; at: number; end: number }
  | { t: 'word'; v: string; at: number; end: number }
  | { t: 'op'; v: string; at: number; end: number }
  | { t: 'end'; at: number; end: number };

class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly hints: string[] = [],
  ) {
    super(message);
  }
}

const OPS = ['<=', '>=', '<>', '!=', '+', '-', '*', '/', '=', '<', '>', '(', ')', ','];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === '[') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length)
          throw new FormulaSyntaxError('A column name is missing its closing "]"', at, [
            'Write a column as [name].',
          ]);
        if (text[i] === ']') {
          if (text[i + 1] === ']') {
            name += ']';
            i += 2;
            continue;
          }
          break;
        }
        name += text[i];
        i++;
      }
      i++;
      if (name.trim() === '')
        throw new FormulaSyntaxError('A column name is empty', at, ['Write a column as [name].']);
      tokens.push({ t: 'col', v: name, at, end: i });
    } else if (ch === '"' || ch === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FormulaSyntaxError(`A text value is missing its closing ${ch}`, at);
        if (text[i] === ch) {
          if (text[i + 1] === ch) {
            value += ch;
            i += 2;
            continue;
          }
          break;
        }
        value += text[i];
        i++;
      }
      i++;
      tokens.push({ t: 'str', v: value, at, end: i });
    } else if (/[0-9.]/u.test(ch)) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/u.exec(text.slice(i));
      if (!m) throw new FormulaSyntaxError(`"${ch}" is not a number`, at);
      i += m[0].length;
      tokens.push({ t: 'num', v: Number(m[0]), at, end: i });
    } else if (/[A-Za-z_]/u.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/u.exec(text.slice(i))!;
      i += m[0].length;
      tokens.push({ t: 'word', v: m[0], at, end: i });
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (!op)
        throw new FormulaSyntaxError(`"${ch}" has no meaning in a formula`, at, [
          'Use + - * / for arithmetic, = <> < <= > >= to compare.',
        ]);
      i += op.length;
      tokens.push({ t: 'op', v: op === '!=' ? '<>' : op, at, end: i });
    }
  }
  tokens.push({ t: 'end', at: text.length, end: text.length });
  return tokens;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expect(v: string, what: string): void {
    const t = this.peek();
    if (!(t.t === 'op' && t.v === v)) throw new FormulaSyntaxError(`Expected ${what} ${describe(t)}`, t.at);
    this.i++;
  }

  parseAll(): FormulaNode {
    const node = this.comparison();
    const t = this.peek();
    if (t.t !== 'end') {
      throw new FormulaSyntaxError(`Unexpected ${describeToken(t)} after a complete formula`, t.at, [
        'Join values with an operator such as + or *, or put text together with CONCAT(a, b).',
      ]);
    }
    return node;
  }

  private comparison(): FormulaNode {
    const left = this.additive();
    const t = this.peek();
    if (t.t === 'op' && ['=', '<>', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++;
      const right = this.additive();
      return { kind: 'binary', op: t.v as FormulaOp, left, right, at: left.at };
    }
    return left;
  }

  private additive(): FormulaNode {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (!(t.t === 'op' && (t.v === '+' || t.v === '-'))) return left;
      this.i++;
      left = { kind: 'binary', op: t.v, left, right: this.multiplicative(), at: left.at };
    }
  }

  private multiplicative(): FormulaNode {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (!(t.t === 'op' && (t.v === '*' || t.v === '/'))) return left;
      this.i++;
      left = { kind: 'binary', op: t.v, left, right: this.unary(), at: left.at };
    }
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (t.t === 'op' && t.v === '-') {
      this.i++;
      const arg = this.unary();
      if (arg.kind === 'number' && arg.value !== 0) return { kind: 'number', value: -arg.value, at: t.at };
      return { kind: 'neg', arg, at: t.at };
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const t = this.next();
    switch (t.t) {
      case 'num':
        return { kind: 'number', value: t.v, at: t.at };
      case 'str':
        return { kind: 'string', value: t.v, at: t.at };
      case 'col':
        return { kind: 'column', name: t.v, at: t.at };
      case 'word': {
        const upper = t.v.toUpperCase();
        if (!this.isOp('(')) {
          if (upper === 'TRUE' || upper === 'FALSE')
            return { kind: 'bool', value: upper === 'TRUE', at: t.at };
          throw new FormulaSyntaxError(`"${t.v}" is not a value (character ${t.at + 1})`, t.at, [
            `Write a column in brackets: [${t.v}]; text in quotes: "${t.v}".`,
          ]);
        }
        this.i++;
        const args: FormulaNode[] = [];
        if (!this.isOp(')')) {
          args.push(this.comparison());
          while (this.isOp(',')) {
            this.i++;
            args.push(this.comparison());
          }
        }
        this.expect(')', `"," or ")" to close ${upper}(`);
        return { kind: 'call', name: upper, args, at: t.at };
      }
      case 'op':
        if (t.v === '(') {
          const inner = this.comparison();
          this.expect(')', 'a closing ")"');
          return inner;
        }
        throw new FormulaSyntaxError(`Expected a value ${describe(t)}`, t.at);
      case 'end':
        throw new FormulaSyntaxError('The formula ends too early: a value is missing', t.at);
    }
  }
}

function describeToken(t: Token): string {
  switch (t.t) {
    case 'end':
      return 'end of formula';
    case 'col':
      return `[${t.v}]`;
    case 'str':
      return `"${t.v}"`;
    default:
      return `"${t.v}"`;
  }
}

function describe(t: Token): string {
  return t.t === 'end' ? 'at the end of the formula' : `at character ${t.at + 1}, found ${describeToken(t)}`;
}

/** Parses a spreadsheet-style formula (`IF([qty] > 0, [price] * [qty], 0)`) into a tree; errors point at a character. */
export function parseFormula(text: string): FormulaResult<FormulaNode> {
  try {
    return { ok: true, value: new Parser(tokenize(text)).parseAll() };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) {
      const where =
        e.message.includes('character') || e.message.includes('end of the formula')
          ? ''
          : ` (character ${e.position + 1})`;
      return { ok: false, error: { message: `${e.message}${where}.`, position: e.position, hints: e.hints } };
    }
    throw e;
  }
}

const PREC: Record<FormulaOp, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '<=': 1,
  '>': 1,
  '>=': 1,
  '+': 2,
  '-': 2,
  '*': 3,
  '/': 3,
};

function prec(node: FormulaNode): number {
  if (node.kind === 'binary') return PREC[node.op];
  if (node.kind === 'neg') return 4;
  if (node.kind === 'number' && node.value < 0) return 4;
  return 5;
}

/** Writes a formula tree back as canonical text (`[a] + [b] * 2`, strings in double quotes, functions upper case). */
export function printFormula(node: FormulaNode): string {
  switch (node.kind) {
    case 'column':
      return `[${node.name.replaceAll(']', ']]')}]`;
    case 'number':
      return String(node.value);
    case 'string':
      return `"${node.value.replaceAll('"', '""')}"`;
    case 'bool':
      return node.value ? 'TRUE' : 'FALSE';
    case 'neg': {
      const inner = printFormula(node.arg);
      return prec(node.arg) < 4 || inner.startsWith('-') ? `-(${inner})` : `-${inner}`;
    }
    case 'call':
      return `${node.name}(${node.args.map(printFormula).join(', ')})`;
    case 'binary': {
      const p = PREC[node.op];
      const left = printFormula(node.left);
      const right = printFormula(node.right);
      const l = prec(node.left) < p || (p === 1 && prec(node.left) === 1) ? `(${left})` : left;
      const r = prec(node.right) <= p ? `(${right})` : right;
      return `${l} ${node.op} ${r}`;
    }
  }
}
