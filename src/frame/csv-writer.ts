// Frame → CSV text that importFile reads back to the same values: numbers in their shortest exact
// decimal form, NA as an empty unquoted field, and a string quoted whenever it contains the
// separator, a quote or a line break, or would otherwise read back as NA (empty, "NA", ...).
// A quoted field is always a literal string for the parser, so quoting is enough.

import type { Frame } from './frame';
import { DEFAULT_NA_STRINGS } from './na';

export interface CSVWriteOptions {
  sep?: string;          // default ','
  header?: boolean;      // default true
  eol?: string;          // default '\n'
}

export function frameToCSV(frame: Frame, options: CSVWriteOptions = {}): string {
  const sep = options.sep ?? ',', eol = options.eol ?? '\n';
  const cols = frame.columns;
  const lines: string[] = [];
  if (options.header ?? true) lines.push(frame.names.map((n) => quote(n, sep)).join(sep));
  const textual = cols.map((c) => c.type === 'enum' || c.type === 'string');
  for (let i = 0; i < frame.nrow; i++) {
    const fields = new Array<string>(cols.length);
    for (let j = 0; j < cols.length; j++) {
      const s = cols[j]!.str(i);
      fields[j] = s === null ? '' : textual[j] ? quote(s, sep) : s;
    }
    lines.push(fields.join(sep));
  }
  return lines.join(eol) + eol;
}

const NA = new Set(DEFAULT_NA_STRINGS);

function quote(s: string, sep: string): string {
  if (s === '' || NA.has(s) || s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r'))
    return `"${s.replaceAll('"', '""')}"`;
  return s;
}
