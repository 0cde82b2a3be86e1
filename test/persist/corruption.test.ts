// Damaged and foreign files: every one is refused with BAD_MODEL_FILE and a message that names the
// file and what is wrong with it; none crashes the loader or loads as a silently different model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/persist/load-model';
import { writeContainer } from '../../src/persist/container';
import { CHECKSUM_BYTES, FORMAT_MAJOR, HEADER_BYTES, TABLE_ENTRY_BYTES } from '../../src/persist/format';
import { Random } from '../../src/util/random';
import { isAquiferError } from '../../src/util/errors';
import { irisFrame } from '../helpers/datasets';
import { irisModel, sectionsOf, toFormat1, withJSON } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'aquifer-corrupt-'));

async function refused(source: Uint8Array | string, pattern: RegExp, name = 'the model bytes') {
  try { await loadModel(source); assert.unreachable('the file loaded'); } catch (e) {
    assert.ok(isAquiferError(e), String((e as Error).stack));
    assert.is(e.code, 'BAD_MODEL_FILE', e.message);
    assert.ok(e.message.includes(name), e.message);
    assert.match(e.message, pattern);
  }
}

/** Byte offsets where the file changes from one part to the next: header fields, table entries
 *  and their fields, the table's checksum, each payload's start, end and padding. */
function boundaries(bytes: Uint8Array): number[] {
  const sections = sectionsOf(bytes);
  const out = [8, 10, 12, 16, HEADER_BYTES];
  sections.forEach((_, k) => { const e = HEADER_BYTES + TABLE_ENTRY_BYTES * k; out.push(e, e + 4, e + 8); });
  let at = HEADER_BYTES + TABLE_ENTRY_BYTES * sections.length;
  out.push(at, at + CHECKSUM_BYTES);
  at += CHECKSUM_BYTES;
  for (const s of sections) {
    out.push(at, at + s.payload.length);
    at += Math.ceil(s.payload.length / 4) * 4;
    out.push(at);
  }
  out.push(bytes.length - 1);
  return [...new Set(out)].filter((n) => n > 0 && n < bytes.length);
}

test('a file cut at every section boundary is truncated, and says so', async () => {
  const bytes = (await irisModel()).toBytes();
  const cuts = boundaries(bytes);
  assert.ok(cuts.length > 30, String(cuts.length));
  for (const n of cuts) await refused(bytes.subarray(0, n), /truncated/);
});

test('a format 1 file cut anywhere or with a flipped byte is refused too', async () => {
  const v1 = toFormat1((await irisModel()).toBytes());
  const r = new Random(9);
  for (let k = 0; k < 30; k++) await refused(v1.subarray(0, 1 + r.nextInt(v1.length - 1)), /truncated/);
  for (let k = 0; k < 30; k++) {
    const b = v1.slice();
    b[HEADER_BYTES + r.nextInt(v1.length - HEADER_BYTES)] ^= 1 << r.nextInt(8);
    await refused(b, /checksum mismatch|section table|truncated|unexpected bytes/);
  }
});

test('a file cut at random offsets is truncated', async () => {
  const bytes = (await irisModel()).toBytes();
  const r = new Random(5);
  for (let k = 0; k < 60; k++) await refused(bytes.subarray(0, 1 + r.nextInt(bytes.length - 1)), /truncated/);
});

test('a flipped byte in the header fields, any section or the checksum is caught', async () => {
  const bytes = (await irisModel()).toBytes();
  const r = new Random(6);
  const spots = [12, 13, bytes.length - 1, ...boundaries(bytes).slice(5).flatMap((b) => [b - 1, b, b + 1])];
  for (let k = 0; k < 60; k++) spots.push(HEADER_BYTES + r.nextInt(bytes.length - HEADER_BYTES));
  for (const i of spots) {
    if (i >= bytes.length) continue;
    const b = bytes.slice();
    b[i] ^= 1 << r.nextInt(8);
    await refused(b, /checksum mismatch|section table|truncated|unexpected bytes/);
  }
});

test('wrong magic, a future version, an empty file, a JSON file and random bytes on disk', async () => {
  const bytes = (await irisModel()).toBytes();
  const file = (name: string, content: Uint8Array | string) => { const p = join(dir, name); writeFileSync(p, content); return p; };
  const magic = bytes.slice(); magic[3] = 0x58;
  await refused(file('magic.aqm', magic), /magic bytes/, 'magic.aqm');
  const future = bytes.slice(); new DataView(future.buffer).setUint16(8, FORMAT_MAJOR + 1, true);
  await refused(file('future.aqm', future), new RegExp(`newer aquifer \\(model format ${FORMAT_MAJOR + 1}\\.0\\).*upgrade`), 'future.aqm');
  await refused(file('empty.aqm', ''), /empty/, 'empty.aqm');
  await refused(file('model.json', JSON.stringify({ params: { hidden: [6] }, theta: [0.1, 0.2] })), /JSON file/, 'model.json');
  const r = new Random(7);
  await refused(file('noise.bin', Uint8Array.from({ length: 5000 }, () => r.nextInt(256))), /magic bytes/, 'noise.bin');
});

test('a missing file is a FILE_ERROR naming it', async () => {
  try { await loadModel(join(dir, 'nope.aqm')); assert.unreachable(); } catch (e) {
    assert.ok(isAquiferError(e) && e.code === 'FILE_ERROR' && /nope\.aqm.*no such file/.test(e.message), String(e));
  }
});

// Files with a correct checksum but inconsistent content: what a buggy writer or a crafted file gives.
test('crafted inconsistencies are named', async () => {
  const bytes = (await irisModel()).toBytes();
  const reseal = (edit: (s: ReturnType<typeof sectionsOf>) => ReturnType<typeof sectionsOf>) => writeContainer(edit(sectionsOf(bytes)));
  const cases: [Uint8Array, RegExp][] = [
    [reseal((s) => s.map((x) => (x.tag === 'THTA' ? { tag: x.tag, payload: x.payload.subarray(0, x.payload.length - 4) } : x))), /parameter arena has \d+ bytes/],
    [reseal((s) => s.map((x) => (x.tag === 'OPTS' ? { tag: x.tag, payload: x.payload.subarray(4) } : x))), /optimizer state has \d+ bytes/],
    [reseal((s) => s.filter((x) => x.tag !== 'OPTS')), /section OPTS is missing/],
    [reseal((s) => s.filter((x) => x.tag !== 'DINF')), /section DINF is missing/],
    [reseal((s) => s.map((x) => (x.tag === 'PARM' ? { tag: x.tag, payload: new TextEncoder().encode('{"params": ') } : x))), /section PARM is not valid JSON/],
    [reseal((s) => s.map((x) => (x.tag === 'META' ? { tag: x.tag, payload: new Uint8Array([0x7b, 0xff, 0x7d]) } : x))), /section META is not valid JSON/],
    [withJSON(bytes, 'PARM', (j) => { (j.params as any).hidden = [7]; }), /network .* does not match the parameters/],
    [withJSON(bytes, 'PARM', (j) => { (j.params as any).activation = 'Tanh'; }), /does not match/],
    [withJSON(bytes, 'PARM', (j) => { (j.params as any).distribution = 'gaussian'; }), /distribution gaussian does not fit a categorical response/],
    [withJSON(bytes, 'PARM', (j) => { (j.params as any).l1 = 'lots'; }), /params\.l1 has a value of the wrong type/],
    [withJSON(bytes, 'PARM', (j) => { j.input = { ...(j.input as object), hidden: [-1] }; }), /input\.hidden/],
    [withJSON(bytes, 'PARM', (j) => { j.input = { ...(j.input as object), evil: 1 }; }), /unknown parameter 'evil'/],
    [withJSON(bytes, 'NETW', (j) => { (j.spec as any).units = [5, 1e9, 1e9, 3]; }), /larger than any model/],
    [withJSON(bytes, 'NETW', (j) => { j.total_floats = 1; }), /network\.total_floats/],
    [withJSON(bytes, 'META', (j) => { j.algorithm = 'gbm'; }), /meta\.algorithm/],
    [withJSON(bytes, 'TRAI', (j) => { j.history = []; }), /history is empty/],
    [withJSON(bytes, 'TRAI', (j) => { (j.history as any)[0].training.kind = 'regression'; }), /history\[0\]\.training\.kind/],
    [withJSON(bytes, 'TRAI', (j) => { delete (j.history as any)[1].validation; }), /validation is missing/],
    [withJSON(bytes, 'TRAI', (j) => { j.stopped = 'bored'; }), /training\.stopped/],
    [withJSON(bytes, 'DINF', (j) => { (j.response as any).domain = ['setosa', 'versicolor']; }), /does not match|units/],
    [withJSON(bytes, 'DINF', (j) => { j.features = [{ kind: 'numeric' }]; }), /features\[0\]\.column must be a string/],
  ];
  for (const [b, pattern] of cases) await refused(b, pattern);
});

test('random changes with a recomputed checksum either load a working model or are refused: never a crash', async () => {
  const m = await irisModel();
  const bytes = m.toBytes();
  const r = new Random(8);
  const few = irisFrame().head(5);
  let loaded = 0, refusedCount = 0;
  for (const { tag } of sectionsOf(bytes)) {
    for (let k = 0; k < 25; k++) {
      const sections = sectionsOf(bytes);
      const s = sections.find((x) => x.tag === tag)!;
      if (s.payload.length === 0) continue;
      s.payload[r.nextInt(s.payload.length)] = r.nextInt(256);
      try {
        const back = await loadModel(writeContainer(sections));
        loaded++;
        if (back.execution.threads === 1) assert.is((await back.predict(few)).nrow, 5);
        assert.ok(back.scoringHistory().length > 0);
      } catch (e) {
        assert.ok(isAquiferError(e) && e.code === 'BAD_MODEL_FILE', `${tag}: ${(e as Error).stack}`);
        refusedCount++;
      }
    }
  }
  assert.ok(loaded > 0 && refusedCount > 0, `${loaded} loaded, ${refusedCount} refused`);
});

test('__proto__ keys in a file stay data', async () => {
  const bytes = (await irisModel()).toBytes();
  const evil = withJSON(bytes, 'TRAI', (j) => { Object.defineProperty(j, '__proto__', { value: { polluted: true }, enumerable: true }); });
  await loadModel(evil).catch(() => undefined);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  const input = withJSON(bytes, 'PARM', (j) => {
    j.input = { ...(j.input as object) };
    Object.defineProperty(j.input, '__proto__', { value: { polluted: true }, enumerable: true });
  });
  await refused(input, /unknown parameter '__proto__'/);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
