// The loader's DataInfo check keeps every field DataInfo writes, for every categorical encoding
// (a field added to DataInfo and not to the check fails here), and refuses malformed ones by path.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Frame } from '../../src/frame';
import { DataInfo } from '../../src/data/data-info';
import { decodeDataInfo } from '../../src/persist/decode-data-info';
import { ShapeError } from '../../src/persist/shape';

const frame = () => Frame.fromArrays({
  x: [1, 3, null, 5, 7, 2, 4, 6],
  city: ['a', 'b', null, 'a', 'c', 'd', 'a', 'b'],
  flag: ['no', 'yes', 'no', 'no', 'yes', 'no', 'yes', 'no'],
  konst: [1, 1, 1, 1, 1, 1, 1, 1],
  w: [1, 2, 1, 1, 1, 2, 1, 1],
  y: [10, 20, 30, 40, 50, 10, 20, 30],
});

const fits = {
  one_hot_internal: { y: 'y' },
  binary: { y: 'y', categorical_encoding: 'binary' },
  eigen: { y: 'y', categorical_encoding: 'eigen' },
  label_encoder: { y: 'y', categorical_encoding: 'label_encoder' },
  sort_by_response: { y: 'y', categorical_encoding: 'sort_by_response' },
  enum_limited: { y: 'y', categorical_encoding: 'enum_limited', max_categorical_levels: 2 },
  hashing_skip_weights: { y: 'y', max_categorical_features: 3, missing_values_handling: 'Skip', weights_column: 'w', use_all_factor_levels: false },
  classification_unstandardized: { y: 'flag', standardize: false },
  sparse: { y: 'y', sparse: true },
};

for (const [name, params] of Object.entries(fits)) {
  test(`a ${name} DataInfo passes the check unchanged`, () => {
    const json = DataInfo.fit(frame(), params).toJSON();
    assert.equal(decodeDataInfo(JSON.parse(JSON.stringify(json))), json);
  });
}

test('malformed DataInfo JSON is refused with the path of the first bad field', () => {
  const good = () => JSON.parse(JSON.stringify(DataInfo.fit(frame(), { y: 'y' }).toJSON()));
  const cases: [(j: any) => void, RegExp][] = [
    [(j) => { j.features = 'x'; }, /data_info\.features must be a list/],
    [(j) => { j.features[0].domain = [1]; }, /features\[0\]\.domain\[0\] must be a string/],
    [(j) => { j.features[j.features.length - 1].encoding = 'rot13'; }, /features\[\d+\]\.encoding must be one of/],
    [(j) => { j.num_means.pop(); }, /num_means has \d+ entries for \d+ numeric/],
    [(j) => { j.params.seed = 2 ** 40; }, /seed must be a 32-bit integer/],
    [(j) => { j.params.max_categorical_features = 0; }, /max_categorical_features must be between 1/],
    [(j) => { j.response.kind = 'categorical'; }, /response\.domain must be a list/],
    [(j) => { j.version = 2; }, /version is 2 but must be 1/],
    [(j) => { j.transform = 'log'; }, /transform must be one of/],
    [(j) => { j.dropped = [{ column: 'a', reason: 'boring' }]; }, /dropped\[0\]\.reason/],
  ];
  for (const [edit, pattern] of cases) {
    const j = good();
    edit(j);
    assert.throws(() => decodeDataInfo(j), (e: Error) => e instanceof ShapeError && pattern.test(e.message));
  }
});

test.run();
