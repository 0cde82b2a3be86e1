// Bench output: one JSON object per measured case (--json), or a readable table; the last line
// is a summary object with the targets and whether this run met them.

export type Line = Record<string, unknown> & { case: string };

export interface Target {
  name: string;
  /** Measured value, or undefined when the case did not run. */
  value: number | undefined;
  /** Pass when value >= min (or <= max). */
  min?: number;
  max?: number;
}

export class Report {
  readonly lines: Line[] = [];
  constructor(private readonly json: boolean) {}

  log = (line: Line): void => {
    this.lines.push(line);
    if (this.json) console.log(JSON.stringify(line));
    else console.log(Object.entries(line).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : String(v)}`).join('  '));
  };

  summary(suite: string, targets: Target[]): void {
    const checked = targets.map((t) => ({
      name: t.name,
      value: t.value === undefined ? null : Number(t.value.toPrecision(4)),
      ...(t.min !== undefined ? { min: t.min } : {}),
      ...(t.max !== undefined ? { max: t.max } : {}),
      met: t.value !== undefined && (t.min === undefined || t.value >= t.min) && (t.max === undefined || t.value <= t.max),
    }));
    const obj = { case: 'summary', suite, cases: this.lines.length, targets_met: checked.filter((t) => t.met).length, targets_total: checked.length, targets: checked };
    if (this.json) console.log(JSON.stringify(obj));
    else {
      console.log(`\n${suite}: ${obj.targets_met}/${obj.targets_total} targets met`);
      for (const t of checked) console.log(`  ${t.met ? 'met ' : 'MISS'}  ${t.name}: ${t.value}${t.min !== undefined ? ` (>= ${t.min})` : ''}${t.max !== undefined ? ` (<= ${t.max})` : ''}`);
    }
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function find(lines: Line[], match: Record<string, unknown>): Line | undefined {
  return lines.find((l) => Object.entries(match).every(([k, v]) => l[k] === v));
}
