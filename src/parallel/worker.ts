// Worker entry: instantiate the kernels over the shared memory once, then run tasks on request.

import { parentPort } from './adapter';
import { getTask, type WorkerContext } from './tasks';
import { instantiateKernels } from '../wasm/instance';
import type { FromWorker, ToWorker } from './protocol';
// The entry is the composition root: it registers every layer's tasks.
import { registerDeepLearningTasks } from '../dl/worker-task';
import { registerFrameTasks } from '../frame/parse-task';

registerDeepLearningTasks();
registerFrameTasks();

const port = await parentPort();
let ctx: WorkerContext | undefined;
const send = (m: FromWorker) => port.post(m);

port.onMessage(async (data) => {
  const msg = data as ToWorker;
  if (msg.type === 'init') {
    const module = msg.module ?? (await WebAssembly.compile(msg.bytes! as BufferSource));
    ctx = { index: msg.index, memory: msg.memory, k: await instantiateKernels(module, msg.memory, msg.build) };
    send({ type: 'ready', index: msg.index });
    return;
  }
  try {
    const task = getTask(msg.task);
    if (!task) throw new Error(`unknown task '${msg.task}'`);
    if (!ctx) throw new Error('worker used before init');
    send({ type: 'result', id: msg.id, value: await task(ctx, msg.args) });
  } catch (e) {
    const err = e as Error & { code?: string };
    send({ type: 'error', id: msg.id, name: err.name ?? 'Error', message: err.message ?? String(e), stack: err.stack, code: err.code });
  }
});
