// The constants of aquifer's model file (docs/model-format.md): magic, format version, header layout
// and section tags. Everything multi-byte is little-endian.
//
//   0   8  magic "AQUIFER\0"
//   8   2  format major (u16)     a reader refuses a newer major version
//  10   2  format minor (u16)     a reader of 1.x reads any 1.y, skipping sections it does not know
//  12   4  number of sections (u32)
//  16   8  file length in bytes (u64), checksum included
//  24      sections: tag (4 ASCII bytes), payload length (u32), payload, zeros to a multiple of 4
// end-4 4  CRC-32 of every byte before it

export const MAGIC = new Uint8Array([0x41, 0x51, 0x55, 0x49, 0x46, 0x45, 0x52, 0x00]); // "AQUIFER\0"
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
export const HEADER_BYTES = 24;
export const SECTION_HEADER_BYTES = 8;
export const CHECKSUM_BYTES = 4;
/** Section payloads start 4-byte aligned, so the float32 arena can be viewed in place. */
export const SECTION_ALIGN = 4;

/** The sections of format 1.0, in the order they are written. */
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
  /** float32 little-endian: the parameter arena (weights, biases, optimizer state). */
  theta: 'THTA',
} as const;

export type SectionTag = (typeof SECTIONS)[keyof typeof SECTIONS];

export const FORMAT_NAME = 'aquifer.model';
