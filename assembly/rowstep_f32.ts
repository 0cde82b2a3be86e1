// The per-row path (H2O's mini_batch_size = 1) and the optimizer passes of the mini-batch path:
// forward matrix-vector products, backward fused with ADADELTA or momentum, max_w2.
export * from './gemv_f32';
export * from './bprop_adadelta_f32';
export * from './bprop_momentum_f32';
export * from './update_f32';
