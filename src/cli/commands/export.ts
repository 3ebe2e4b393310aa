// `churnlens export MODEL.json --format onnx --out MODEL.onnx`: the forest as a standard ONNX
// TreeEnsembleClassifier, for scoring at scale outside ChurnLens (see README for the input contract).
import { writeFile } from 'node:fs/promises';
import { UserError } from '../../lib/errors.ts';
import { parseModelChunks } from '../../lib/engine/model-file.ts';
import { modelToOnnx } from '../../lib/export/onnx/tree-ensemble.ts';
import { boolFlag, choiceFlag, parseArgs, requireFlag, requirePositionals, type FlagSpec } from '../args.ts';
import type { CliContext } from '../context.ts';
import { readTextChunks } from '../files.ts';
import { EXPORT_HELP } from '../help.ts';

const FLAGS: FlagSpec[] = [
  { name: 'format', kind: 'string' },
  { name: 'out', kind: 'string' },
  { name: 'help', kind: 'bool' },
];

export async function runExport(argv: string[], ctx: CliContext): Promise<void> {
  const args = parseArgs('export', argv, FLAGS);
  if (boolFlag(args, 'help')) {
    ctx.stdout(EXPORT_HELP);
    return;
  }
  const [modelPath] = requirePositionals('export', args, ['MODEL.json']);
  requireFlag('export', args, 'format');
  choiceFlag(args, 'format', ['onnx'] as const);
  const out = requireFlag('export', args, 'out');
  const model = await parseModelChunks(readTextChunks(modelPath));
  const bytes = modelToOnnx(model);
  try {
    await writeFile(out, bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new UserError('cli.writeFailed', { path: out, reason: code === 'ENOENT' ? 'no such folder' : (code ?? String(e)) });
  }
}
