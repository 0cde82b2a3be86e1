// The parameter section of a model file: the effective parameters (checked against the parameter
// table's types; a parameter a file does not have takes its default, so files of an older format
// load) and the parameters as the user gave them (checked as a new estimator checks them).

import { AquiferError } from '../util/errors';
import { checkParameterValue, defaultParameters, parameterSpec, PARAMETERS, resolveParameterName, type EffectiveParameters, type ParameterSpec } from '../dl/params';
import type { ModelInput } from '../dl/model';
import { object, ShapeError, strings } from './shape';

const isNumber = (v: unknown) => typeof v === 'number';
const isString = (v: unknown) => typeof v === 'string';

/** Whether `v` has the type an effective value of `spec` has (ranges are the input's business:
 *  an effective value may lie outside them, e.g. rho = 0 under a manual learning rate). */
function effectiveTypeOK(spec: ParameterSpec, v: unknown): boolean {
  if (v === null) return spec.nullable === true || spec.name === 'fold_assignment' || spec.name === 'hidden_dropout_ratios';
  switch (spec.type) {
    case 'boolean': return typeof v === 'boolean';
    case 'integer': return Number.isSafeInteger(v);
    case 'number': return isNumber(v);
    case 'enum': return isString(v) && spec.values!.includes(v as string);
    case 'integer[]': return Array.isArray(v) && v.every((x) => Number.isSafeInteger(x));
    case 'number[]': return Array.isArray(v) && v.every(isNumber);
    case 'column': case 'string': return isString(v);
    case 'columns': return Array.isArray(v) && v.every(isString);
    // Frames, models and functions are stored as the path or name given, or null (plain.ts).
    case 'frame': case 'model': case 'function': return isString(v);
    case 'frames': return Array.isArray(v) && v.every((x) => x === null || isString(x));
    case 'seed': return typeof v === 'bigint' ? BigInt.asIntN(64, v) === v : Number.isSafeInteger(v);
  }
}

export function decodeEffectiveParameters(v: unknown, path = 'params'): EffectiveParameters {
  const o = object(v, path);
  const out = defaultParameters() as unknown as Record<string, unknown>;
  for (const spec of PARAMETERS) {
    if (!(spec.name in o)) continue;
    const value = o[spec.name];
    if (!effectiveTypeOK(spec, value)) throw new ShapeError(`${path}.${spec.name} has a value of the wrong type (${JSON.stringify(typeof value)})`);
    out[spec.name] = value;
  }
  // Keys that are not parameters (a later version's additions) are left out.
  return out as unknown as EffectiveParameters;
}

export function decodeInput(v: unknown, path = 'input'): ModelInput {
  const o = object(v, path);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (key === 'x') { out.x = strings(value, `${path}.x`); continue; }
    try {
      const spec = parameterSpec(resolveParameterName(key))!;
      checkParameterValue(spec, value);
    } catch (e) {
      if (e instanceof AquiferError) throw new ShapeError(`${path}.${key}: ${e.message}`);
      throw e;
    }
    out[key] = value;
  }
  return out as ModelInput;
}
