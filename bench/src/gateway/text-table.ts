/** Columns padded to their widest cell, a rule under the header; 'l' or 'r' aligns each column. */
export function textTable(header: string[], lines: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((title, index) =>
    Math.max(title.length, ...lines.map((line) => (line[index] ?? '').length)),
  );
  const format = (line: string[]) =>
    line
      .map((text, index) =>
        align[index] === 'l'
          ? text.padEnd(widths[index] as number)
          : text.padStart(widths[index] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(header), rule, ...lines.map(format)].join('\n');
}
