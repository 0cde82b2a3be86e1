import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasIdentityLink, resolveParams, transformType } from '../../src/data/params';
import { throwsAquifer } from './helpers';

test('defaults are H2O\'s: one-hot, standardize, mean imputation, keep all levels, drop constants', () => {
  const p = resolveParams({});
  assert.equal(p, {
    x: null, y: null, ignored_columns: [], ignore_const_cols: true, use_all_factor_levels: true,
    categorical_encoding: 'one_hot_internal', max_categorical_levels: 10, max_categorical_features: 2147483647,
    standardize: true, sparse: false, autoencoder: false, missing_values_handling: 'MeanImputation',
    weights_column: null, offset_column: null, distribution: 'AUTO', seed: -1,
  });
});

test('categorical_encoding accepts the Java and the Python spelling of every scheme', () => {
  const cases: [string, string][] = [
    ['AUTO', 'one_hot_internal'], ['auto', 'one_hot_internal'], ['OneHotInternal', 'one_hot_internal'],
    ['Binary', 'binary'], ['eigen', 'eigen'], ['LabelEncoder', 'label_encoder'], ['label_encoder', 'label_encoder'],
    ['SortByResponse', 'sort_by_response'], ['sort_by_response', 'sort_by_response'],
    ['EnumLimited', 'enum_limited'], ['enum_limited', 'enum_limited'],
  ];
  for (const [given, stored] of cases) assert.is(resolveParams({ categorical_encoding: given }).categorical_encoding, stored, given);
});

test('enum and one_hot_explicit encodings are rejected naming categorical_encoding', () => {
  throwsAquifer(() => resolveParams({ categorical_encoding: 'Enum' }), 'BAD_PARAMETER', 'categorical_encoding', /need numbers/);
  throwsAquifer(() => resolveParams({ categorical_encoding: 'one_hot_explicit' }), 'BAD_PARAMETER', 'categorical_encoding');
});

test('an unknown categorical_encoding is rejected and the valid ones are listed', () => {
  throwsAquifer(() => resolveParams({ categorical_encoding: 'target' }), 'BAD_PARAMETER', 'categorical_encoding', /one_hot_internal/);
});

test('max_categorical_features below 1 is rejected', () => {
  throwsAquifer(() => resolveParams({ max_categorical_features: 0 }), 'BAD_PARAMETER', 'max_categorical_features');
  throwsAquifer(() => resolveParams({ max_categorical_features: 2.5 }), 'BAD_PARAMETER', 'max_categorical_features');
});

test('missing_values_handling accepts MeanImputation and Skip in any spelling, nothing else', () => {
  assert.is(resolveParams({ missing_values_handling: 'skip' }).missing_values_handling, 'Skip');
  assert.is(resolveParams({ missing_values_handling: 'mean_imputation' }).missing_values_handling, 'MeanImputation');
  throwsAquifer(() => resolveParams({ missing_values_handling: 'Drop' }), 'BAD_PARAMETER', 'missing_values_handling');
});

test('an autoencoder forces use_all_factor_levels on', () => {
  assert.is(resolveParams({ autoencoder: true, use_all_factor_levels: false }).use_all_factor_levels, true);
  assert.is(resolveParams({ use_all_factor_levels: false }).use_all_factor_levels, false);
});

test('a boolean parameter given a string is rejected by name', () => {
  throwsAquifer(() => resolveParams({ standardize: 'yes' as unknown as boolean }), 'BAD_PARAMETER', 'standardize');
});

test('the hashing seed is the low 32 bits of the model seed, signed, as Java\'s (int) cast', () => {
  assert.is(resolveParams({ seed: 5 }).seed, 5);
  assert.is(resolveParams({ seed: 2 ** 32 + 5 }).seed, 5);
  assert.is(resolveParams({ seed: 0xffffffff }).seed, -1);
  assert.is(resolveParams({ seed: -2 }).seed, -2);
  assert.is(resolveParams({ seed: 0x123456789abcdefn }).seed, 0x89abcdef | 0);
});

test('the transform is standardize, descale for sparse, normalize for an autoencoder, none without standardize', () => {
  assert.is(transformType(resolveParams({})), 'standardize');
  assert.is(transformType(resolveParams({ sparse: true })), 'descale');
  assert.is(transformType(resolveParams({ autoencoder: true })), 'normalize');
  assert.is(transformType(resolveParams({ autoencoder: true, sparse: true })), 'normalize');
  assert.is(transformType(resolveParams({ standardize: false, autoencoder: true })), 'none');
});

test('gaussian, laplace, quantile, huber and AUTO have the identity link; poisson, gamma, tweedie do not', () => {
  for (const d of ['AUTO', 'gaussian', 'laplace', 'quantile', 'huber']) assert.ok(hasIdentityLink(d), d);
  for (const d of ['poisson', 'gamma', 'tweedie']) assert.not.ok(hasIdentityLink(d), d);
});

test.run();
