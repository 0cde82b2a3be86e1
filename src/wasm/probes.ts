// Feature probes: tiny hand-assembled modules passed to WebAssembly.validate. Probing the exact
// opcodes we use beats sniffing versions (a runtime with partial relaxed-SIMD support fails here,
// not later when the kernel module is compiled).

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const TYPE_VOID = [0x01, 0x04, 0x01, 0x60, 0x00, 0x00]; // one type: () -> ()
const FUNC_0 = [0x03, 0x02, 0x01, 0x00]; // one function of type 0
const SPLAT0 = [0x43, 0, 0, 0, 0, 0xfd, 0x13]; // f32.const 0; f32x4.splat
// import "env" "memory" (memory shared, min 1, max 1)
const IMPORT_SHARED_MEMORY = [0x02, 0x10, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x03, 0x01, 0x01];

function moduleWith(sections: number[], body: number[]): Uint8Array {
  const fn = [0x00, ...body, 0x0b]; // no locals, body, end
  return new Uint8Array([...HEADER, ...TYPE_VOID, ...sections, ...FUNC_0, 0x0a, fn.length + 2, 0x01, fn.length, ...fn]);
}

/** f32x4.add of two splats. */
export const SIMD_PROBE = moduleWith([], [...SPLAT0, ...SPLAT0, 0xfd, 0xe4, 0x01, 0x1a]);
/** f32x4.relaxed_madd of three splats: the one relaxed opcode the kernels use. */
export const RELAXED_SIMD_PROBE = moduleWith([], [...SPLAT0, ...SPLAT0, ...SPLAT0, 0xfd, 0x85, 0x02, 0x1a]);
/** i32.atomic.rmw.add on an imported shared memory. */
export const THREADS_PROBE = moduleWith(IMPORT_SHARED_MEMORY, [0x41, 0x00, 0x41, 0x01, 0xfe, 0x1e, 0x02, 0x00, 0x1a]);

export function validates(bytes: Uint8Array): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes as BufferSource);
  } catch {
    return false;
  }
}
