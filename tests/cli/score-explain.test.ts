// score --reasons / --contributions through the real CLI: the contributions add up to the raw
// probability on every row, and every row gets three plain-language reasons.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseModelFile } from '../../src/lib/engine/model-file.ts';
import { MLC, readCsv, runCli } from './run-cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'churnlens-explain-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function readOut(path: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = readCsv(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  return { header, rows: rows.filter((r) => r.length > 1) };
}

describe('churnlens score --reasons --contributions', { timeout: 300_000 }, () => {
  for (const preset of ['recommended', 'mahout'] as const) {
    it(`${preset}: contributions add up on every row; three reasons per row`, async () => {
      const modelPath = join(dir, `${preset}.json`);
      const t = await runCli(['train', MLC, '--target', 'churn', '--preset', preset, '--trees', '12', '--threads', '2', '--seed', '3', '--out', modelPath]);
      expect(t.code).toBe(0);
      const model = parseModelFile(readFileSync(modelPath, 'utf8'));
      const out = join(dir, `${preset}-scores.csv`);
      const r = await runCli(['score', modelPath, MLC, '--out', out, '--threads', '2', '--reasons', '--contributions']);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.code).toBe(0);
      const { header, rows } = readOut(out);
      const names = model.features.map((f) => f.name);
      const contribCols = names.map((n) => header.indexOf(`contrib_${n}`));
      expect(contribCols.every((i) => i > 0)).toBe(true);
      const base = header.indexOf('base_value');
      const raw = header.indexOf('raw_probability');
      const prob = header.indexOf('churn_probability');
      const reasons = [1, 2, 3].map((k) => header.indexOf(`reason_${k}`));
      expect(reasons.every((i) => i > 0)).toBe(true);
      expect(rows).toHaveLength(5000);
      let worst = 0;
      let differs = 0;
      for (const row of rows) {
        let s = Number(row[base]);
        for (const c of contribCols) s += Number(row[c]);
        worst = Math.max(worst, Math.abs(s - Number(row[raw])));
        if (Number(row[raw]) !== Number(row[prob])) differs++;
        for (const c of reasons) expect(row[c]).toMatch(/^.+ = .+ (raises|lowers) risk by [\d.]+ points$/);
      }
      expect(worst).toBeLessThan(1e-6);
      // the base value is one number for every row, and a leaf-corrected soft vote reports its raw
      // output, while the Mahout preset corrects its vote share afterwards
      expect(new Set(rows.map((row) => row[base])).size).toBe(1);
      if (preset === 'recommended') expect(differs).toBe(0);
      else expect(differs).toBeGreaterThan(0);
    });
  }
});
