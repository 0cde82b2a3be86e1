// Column-name helpers shared by Frame and the CSV importer.

/** The closest name by edit distance (case-insensitive), if it is close enough to be a typo. */
export function didYouMean(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined, bestD = Infinity;
  for (const n of names) {
    const d = editDistance(lower, n.toLowerCase());
    if (d < bestD) { bestD = d; best = n; }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * H2O makes header names unique by appending a suffix to the later copies ("x", "x0" in older
 * versions; we use "x_2", "x_3" so the suffix never collides with an existing "x0" column).
 * Empty names become C1, C2, ... by position, as H2O names headerless columns.
 * Returns the new names and one warning per renamed column.
 */
export function uniqueNames(raw: readonly string[]): { names: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const names = raw.map((n, j) => (n === '' ? `C${j + 1}` : n));
  const taken = new Set<string>();
  const firstSeen = new Set(names);
  for (let j = 0; j < names.length; j++) {
    const n = names[j]!;
    if (!taken.has(n)) { taken.add(n); continue; }
    let k = 2;
    while (taken.has(`${n}_${k}`) || firstSeen.has(`${n}_${k}`)) k++;
    const renamed = `${n}_${k}`;
    warnings.push(`duplicate column name '${n}' at position ${j + 1} renamed to '${renamed}'`);
    names[j] = renamed;
    taken.add(renamed);
  }
  return { names, warnings };
}
