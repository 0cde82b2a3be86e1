// Worker entry when running from the source tree (tests, development): Node 20 does not apply
// tsx's loader to a worker's .ts entry, so this plain module registers it and loads the real entry.
// The published bundle never references this file (dist/worker.js is the entry there).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
