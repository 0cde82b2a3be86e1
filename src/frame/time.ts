// Time values: milliseconds since the Unix epoch, UTC (H2O's default cluster timezone).
// The parser recognises the ISO 8601 shapes that CSV exports use; anything else stays a string.

// 2024-01-31 | 2024/01/31 | 2024-01-31 12:34 | 2024-01-31T12:34:56.789 | ...Z | ...+02:00
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;

/** ms since the epoch for a date/time string, or NaN when it is not one of the accepted shapes. */
export function parseTime(s: string): number {
  const m = ISO.exec(s);
  if (m === null) return NaN;
  const year = +m[1]!, month = +m[2]!, day = +m[3]!;
  const hour = m[4] === undefined ? 0 : +m[4], minute = m[5] === undefined ? 0 : +m[5];
  const second = m[6] === undefined ? 0 : +m[6];
  const ms = m[7] === undefined ? 0 : Math.floor(+(m[7] + '000').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;
  let t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1, digits = zone.slice(1).replace(':', '');
    t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60000;
  }
  return t;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO 8601 in UTC; a date alone when the time of day is midnight, so dates round-trip as dates. */
export function formatTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
