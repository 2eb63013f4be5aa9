import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One prompt of the RouteLLM data, with what each model scored on it. */
export interface Row {
  id: string;
  /** MMLU only. */
  subject?: string;
  /** What the router sees: the question (MT-Bench: both turns). */
  prompt: string;
  /** 0/1 correctness (MMLU, GSM8K) or the mean judge score of both turns (MT-Bench, 1-10). */
  weak: number;
  strong: number;
  /** GSM8K only: the weak model's full answer (what a cascade check reads). */
  weakResponse?: string;
}

export type SetName = 'mmlu' | 'gsm8k' | 'mt_bench';

interface RawRow {
  id: string;
  subject?: string;
  prompt?: string;
  turns?: string[];
  weak: number | number[];
  strong: number | number[];
  contaminated: boolean;
  weak_response?: string;
}

const mean = (value: number | number[]) =>
  Array.isArray(value) ? value.reduce((sum, item) => sum + item, 0) / value.length : value;

/** A set's rows, contaminated ones dropped as RouteLLM does. */
export function loadSet(dataDir: string, name: SetName): { rows: Row[]; contaminated: number } {
  const lines = readFileSync(join(dataDir, `${name}.jsonl`), 'utf8').split('\n');
  const rows: Row[] = [];
  let contaminated = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const raw = JSON.parse(line) as RawRow;
    if (raw.contaminated) {
      contaminated += 1;
      continue;
    }
    const row: Row = {
      id: raw.id,
      prompt: raw.prompt ?? (raw.turns ?? []).join('\n\n'),
      weak: mean(raw.weak),
      strong: mean(raw.strong),
    };
    if (raw.subject !== undefined) row.subject = raw.subject;
    if (raw.weak_response !== undefined) row.weakResponse = raw.weak_response;
    rows.push(row);
  }
  return { rows, contaminated };
}
