// aquifer's public API for browsers: the same surface as Node (file paths become URLs or
// File/Blob; Node-only helpers such as loadMnist and model.save say so when called). A separate
// entry so that bundlers targeting the web resolve it through the `browser` export condition.

export * from './index';
