/**
 * A tiny arithmetic evaluator for checking a model's worked steps: numbers (with `,` thousands
 * separators, `$` and `%` signs dropped), + - * / x × ÷ ^ and parentheses. No `eval`.
 * Returns undefined for anything it cannot read.
 */
export function evaluateArithmetic(expression: string): number | undefined {
  const tokens = expression
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/[$€£%]/g, '')
    .replace(/[×xX]/g, '*')
    .replace(/÷/g, '/')
    .match(/\d*\.?\d+|[-+*/^()]|\S/g);
  if (!tokens) return undefined;
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  function primary(): number | undefined {
    const token = next();
    if (token === undefined) return undefined;
    if (token === '(') {
      const value = sum();
      return next() === ')' ? value : undefined;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    const value = Number(token);
    return Number.isFinite(value) ? value : undefined;
  }
  function power(): number | undefined {
    const base = primary();
    if (base === undefined) return undefined;
    if (peek() !== '^') return base;
    next();
    const exponent = power();
    return exponent === undefined ? undefined : base ** exponent;
  }
  function product(): number | undefined {
    let value = power();
    while (value !== undefined && (peek() === '*' || peek() === '/')) {
      const operator = next();
      const right = power();
      if (right === undefined) return undefined;
      value = operator === '*' ? value * right : value / right;
    }
    return value;
  }
  function sum(): number | undefined {
    let value = product();
    while (value !== undefined && (peek() === '+' || peek() === '-')) {
      const operator = next();
      const right = product();
      if (right === undefined) return undefined;
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }
  const value = sum();
  return position === tokens.length ? value : undefined;
}

/** Equal within rounding a model would do (1% or 0.01, whichever is larger). */
export function roughlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.01, Math.abs(b) * 0.01);
}
