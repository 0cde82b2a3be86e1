// Node's built-in modules for code that also ships to browsers and edge workers. No `node:`
// specifier is written out, so a bundler has nothing to resolve (esbuild and wrangler fail on a
// node: import for the browser or neutral platforms even where the code is unreachable):
// process.getBuiltinModule (Node >= 20.16), else an import of a computed specifier.

export async function nodeBuiltin<T>(name: string): Promise<T> {
  const id = ['node', name].join(':');
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.(id) as T | undefined;
  return mod ?? ((await import(/* @vite-ignore */ /* webpackIgnore: true */ id)) as T);
}
