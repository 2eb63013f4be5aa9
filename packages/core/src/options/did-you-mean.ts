/**
 * Edit distance with adjacent transpositions (optimal string alignment), so `stratgy` and `gtp`
 * are one edit from `strategy` and `gpt`: the typos config files actually contain.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[] = new Array(rows * columns).fill(0);
  const at = (row: number, column: number) => table[row * columns + column] as number;
  for (let row = 0; row < rows; row += 1) table[row * columns] = row;
  for (let column = 0; column < columns; column += 1) table[column] = column;
  for (let row = 1; row < rows; row += 1) {
    for (let column = 1; column < columns; column += 1) {
      const cost = a[row - 1] === b[column - 1] ? 0 : 1;
      let best = Math.min(
        at(row - 1, column) + 1,
        at(row, column - 1) + 1,
        at(row - 1, column - 1) + cost,
      );
      if (row > 1 && column > 1 && a[row - 1] === b[column - 2] && a[row - 2] === b[column - 1]) {
        best = Math.min(best, at(row - 2, column - 2) + 1);
      }
      table[row * columns + column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}

/** `retries` -> `retry`, `timeout` -> `timeouts`: a name's singular and plural spellings. */
function numberForms(name: string): string[] {
  if (name.endsWith('ies')) return [name, `${name.slice(0, -3)}y`];
  if (name.endsWith('y')) return [name, `${name.slice(0, -1)}ies`];
  if (name.endsWith('s')) return [name, name.slice(0, -1)];
  return [name, `${name}s`];
}

/**
 * The known name closest to `name`, when it is close enough to be a plausible typo: at most one
 * edit per three characters (at least one), case differences free, and the wrong singular or
 * plural (`retries` for `retry`) free too.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const forms = numberForms(name.toLowerCase());
  const allowed = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    if (candidate === name) continue;
    const lowered = candidate.toLowerCase();
    const distance = Math.min(...forms.map((form) => editDistance(form, lowered)));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` or nothing: appended to messages about unknown names. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const suggestion = closestName(name, known);
  return suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
}
