// Parameter names: alias resolution and "did you mean" for a name that is not a parameter.

import { AquiferError } from '../util/errors';
import { msg } from './params-messages';
import { PARAMETERS, PARAMETER_ALIASES, parameterSpec } from './params-table';
import type { ParameterName } from './params-types';

const NAMES = PARAMETERS.map((p) => p.name as string);

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** camelCase, dashes and a CLI's leading `--` to H2O's snake_case. */
function snake(name: string): string {
  return name.replace(/^-+/, '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase();
}

/** The parameter a mistyped name most likely means, or undefined when none is close. */
export function suggestParameterName(name: string): string | undefined {
  const s = snake(name);
  if (parameterSpec(s) || Object.hasOwn(PARAMETER_ALIASES, s)) return Object.hasOwn(PARAMETER_ALIASES, s) ? PARAMETER_ALIASES[s] : s;
  // Close in spelling: at most one edit per three characters (and at least one, at most three).
  const limit = Math.max(1, Math.min(3, Math.floor(s.length / 3)));
  let best: string | undefined, bestD = Infinity;
  for (const n of NAMES) {
    const d = editDistance(s, n);
    if (d < bestD) { best = n; bestD = d; }
  }
  if (bestD <= limit) return best;
  // A recognisable part of a longer name (hidden_dropout → hidden_dropout_ratios): the shortest such.
  if (s.length >= 4) {
    const containing = NAMES.filter((n) => n.includes(s)).sort((a, b) => a.length - b.length);
    if (containing.length > 0) return containing[0];
  }
  return undefined;
}

/** The parameter a user-given name denotes (aliases followed); throws UNKNOWN_PARAMETER otherwise. */
export function resolveParameterName(name: string): ParameterName {
  if (parameterSpec(name)) return name as ParameterName;
  // Own keys only: 'constructor' or '__proto__' must not find Object.prototype's members.
  const alias = Object.hasOwn(PARAMETER_ALIASES, name) ? PARAMETER_ALIASES[name] : undefined;
  if (alias) return alias;
  throw new AquiferError('UNKNOWN_PARAMETER', msg.unknownParameter(name, suggestParameterName(name)), { subject: name });
}
