// A read container's sections by tag, for both model decoders (loadModel's, decode-model.ts, and the
// scorer's, src/scorer/read-bytes.ts): a missing section, or a JSON section that is not valid UTF-8
// JSON, is a BAD_MODEL_FILE error that names the file and the section.

import { AquiferError } from '../util/errors';
import type { Container } from './container';
import { msg } from './messages';
import { parseTagged } from './tagged-json';

export interface SectionReader {
  /** The payload of a section that was read. */
  section(tag: string): Uint8Array;
  /** A section's payload length, also of a section left unread (the section table has it). */
  length(tag: string): number;
  /** A JSON section, parsed (tagged JSON: tagged-json.ts). */
  json(tag: string): unknown;
}

export function sectionReader({ sections, lengths }: Container, name: string): SectionReader {
  const missing = (tag: string) => new AquiferError('BAD_MODEL_FILE', msg.missingSection(name, tag));
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const section = (tag: string) => {
    const s = sections.get(tag);
    if (!s) throw missing(tag);
    return s;
  };
  return {
    section,
    length(tag) {
      const n = lengths.get(tag);
      if (n === undefined) throw missing(tag);
      return n;
    },
    json(tag) {
      const bytes = section(tag);
      try {
        return parseTagged(utf8.decode(bytes));
      } catch (e) {
        throw new AquiferError('BAD_MODEL_FILE', msg.badJSON(name, tag, (e as Error).message));
      }
    },
  };
}
