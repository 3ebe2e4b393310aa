// File access for the CLI, with every operating-system failure turned into a message that names
// the file (a missing file, a folder, no permission) instead of an errno stack.
import { createReadStream } from 'node:fs';
import { open, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { UserError } from '../lib/errors.ts';

/** Throws cli.fileMissing / cli.notAFile / cli.readFailed when `path` cannot be read as a file. */
export async function checkReadable(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw fsError(e, path, 'cli.readFailed');
  }
  if (info.isDirectory()) throw new UserError('cli.notAFile', { path });
}

/** The text of a file in pieces of a few MB (model files can be larger than one string). */
export async function* readTextChunks(path: string): AsyncGenerator<string> {
  await checkReadable(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 });
  try {
    for await (const chunk of stream) yield chunk as string;
  } catch (e) {
    throw fsError(e, path, 'cli.readFailed');
  } finally {
    stream.destroy();
  }
}

/** Write text given in pieces, in order, without joining them first. */
export async function writeTextParts(path: string, parts: Iterable<string>): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'w');
    for (const p of parts) await handle.write(p, null, 'utf8');
  } catch (e) {
    throw fsError(e, path, 'cli.writeFailed');
  } finally {
    await handle?.close();
  }
}

export async function writeText(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (e) {
    throw fsError(e, path, 'cli.writeFailed');
  }
}

function fsError(e: unknown, path: string, key: string): UserError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' && key === 'cli.readFailed') return new UserError('cli.fileMissing', { path });
  if (code === 'EISDIR') return new UserError('cli.notAFile', { path });
  const reason =
    code === 'ENOENT' ? 'no such folder' :
    code === 'EACCES' || code === 'EPERM' ? 'permission denied' :
    code ?? (e instanceof Error ? e.message : String(e));
  return new UserError(key, { path, reason });
}
