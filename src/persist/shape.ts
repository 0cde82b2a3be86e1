// Checks that parsed JSON has the shape the loader expects, with the path of the first thing that
// does not ("training.history[3].epochs must be a number"). The loader turns a ShapeError into a
// BAD_MODEL_FILE error naming the file.

export class ShapeError extends Error {}

const fail = (path: string, what: string, v: unknown): never => {
  const got = v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
  throw new ShapeError(`${path} must be ${what}, got ${got}`);
};

export function object(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

export function number(v: unknown, path: string): number {
  if (typeof v !== 'number') fail(path, 'a number', v);
  return v as number;
}

export function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'a finite number', v);
  return v as number;
}

export function count(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(path, 'a non-negative integer', v);
  return v as number;
}

export function integer(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(path, 'an integer', v);
  return v as number;
}

export function string(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v as string;
}

export function boolean(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'true or false', v);
  return v as boolean;
}

export function oneOf<T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(path, `one of ${values.join(', ')}`, v);
  return v as T;
}

export function list<T>(v: unknown, path: string, each: (x: unknown, path: string) => T): T[] {
  if (!Array.isArray(v)) fail(path, 'a list', v);
  return (v as unknown[]).map((x, i) => each(x, `${path}[${i}]`));
}

export function nullable<T>(check: (v: unknown, path: string) => T): (v: unknown, path: string) => T | null {
  return (v, path) => (v === null ? null : check(v, path));
}

export function optional<T>(check: (v: unknown, path: string) => T): (v: unknown, path: string) => T | undefined {
  return (v, path) => (v === undefined ? undefined : check(v, path));
}

/** A list of `type` values: the list itself when every entry is one (a model's per-feature lists
 *  are long, and building an entry's path for each was most of loading a DataInfo), else list()
 *  names the first entry that is not. */
const listOf = <T>(type: 'string' | 'number', each: (x: unknown, path: string) => T) => (v: unknown, path: string): T[] => {
  if (Array.isArray(v)) {
    let i = 0;
    while (i < v.length && typeof v[i] === type) i++;
    if (i === v.length) return v as T[];
  }
  return list(v, path, each);
};

export const strings = listOf('string', string);
export const numbers = listOf('number', number);

export function equal(actual: unknown, expected: unknown, path: string): void {
  if (actual !== expected) throw new ShapeError(`${path} is ${JSON.stringify(actual)} but must be ${JSON.stringify(expected)}`);
}
