// Node entry for the CLI: stream a file from disk through parseCsvBytes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.ts';
import { parseCsvBytes } from './index.ts';
import type { ParseOptions, ParsedFile } from './types.ts';

const READ_CHUNK = 1 << 20;

export async function parseCsvFile(path: string, opts: ParseOptions = {}): Promise<ParsedFile> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new UserError('ingest.fileNotFound', { path });
    size = s.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError('ingest.fileNotFound', { path });
    throw new UserError('ingest.readFailed', { reason: code ?? String(e) });
  }
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK });
  try {
    return await parseCsvBytes(stream as AsyncIterable<Uint8Array>, { ...opts, totalBytes: opts.totalBytes ?? size });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UserError('ingest.readFailed', { reason: code });
    throw e;
  } finally {
    stream.destroy();
  }
}
