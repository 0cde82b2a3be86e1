// The constants of aquifer's model file (docs/model-format.md): magic, format version, header layout
// and section tags. Everything multi-byte is little-endian.
//
// Format 2 (written):
//   0   8  magic "AQUIFER\0"
//   8   2  format major (u16)     a reader refuses a newer major version
//  10   2  format minor (u16)     a reader of 2.x reads any 2.y, skipping sections it does not know
//  12   4  number of sections n (u32)
//  16   8  file length in bytes (u64)
//  24 12n  section table: per section its tag (4 ASCII bytes), payload length (u32) and the CRC-32
//          of its payload and padding (u32)
//  24+12n 4  CRC-32 of every byte before it (header and section table)
//  then the payloads in table order, each zero-padded to a multiple of 4; the file ends with the last
//
// Format 1 (read): the same header, then sections of tag, payload length, payload, padding, and a
// CRC-32 of the whole file in its last 4 bytes; THTA held the optimizer state too.

export const MAGIC = new Uint8Array([0x41, 0x51, 0x55, 0x49, 0x46, 0x45, 0x52, 0x00]); // "AQUIFER\0"
export const FORMAT_MAJOR = 2;
export const FORMAT_MINOR = 0;
export const HEADER_BYTES = 24;
/** Format 2: one entry of the section table. */
export const TABLE_ENTRY_BYTES = 12;
export const CHECKSUM_BYTES = 4;
/** Format 1: a section's tag and length before its payload. */
export const V1_SECTION_HEADER_BYTES = 8;
/** Section payloads start 4-byte aligned, so the float32 arena can be viewed in place. */
export const SECTION_ALIGN = 4;

/** The sections of format 2.0, in the order they are written. */
export const SECTIONS = {
  /** JSON: format name, library and version, algorithm. */
  meta: 'META',
  /** JSON: effective parameters and the parameters as given. */
  params: 'PARM',
  /** JSON: the DataInfo (DataInfo.toJSON). */
  dataInfo: 'DINF',
  /** JSON: the network spec; offsets are recomputed with layoutNetwork. */
  network: 'NETW',
  /** JSON: counters, scoring history with its metrics, warnings, run time. */
  training: 'TRAI',
  /** float32 little-endian: the weights and biases (the arena's first param_floats values). */
  theta: 'THTA',
  /** float32 little-endian: the optimizer state (the rest of the arena; empty without one). Last, so
   *  that a reader that only scores can skip it. */
  optimizer: 'OPTS',
} as const;

export type SectionTag = (typeof SECTIONS)[keyof typeof SECTIONS];

export const FORMAT_NAME = 'aquifer.model';
