// Parameters as a model keeps and stores them: frames, models and functions (training_frame,
// checkpoint, initial_weights, custom_metric_func) become null, or stay as the path or name the user
// gave; everything else is kept as it is. A model then never holds on to the frames it was trained on
// or to the chain of models it was restarted from, and its parameters can be written to a file.

export function plainValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' ? null : v;
  if (Array.isArray(v)) return v.map(plainValue);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return null;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plainValue(x);
  return out;
}

export function plainParameters<T extends object>(params: T): T {
  return plainValue(params) as T;
}
