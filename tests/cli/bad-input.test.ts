// Every bad input ends in one line "churnlens: …" naming the problem, a non-zero exit code
// (2 = the command line, 1 = a file or the data) and never a stack trace.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLC, TELCO, runCli, type CliRun } from './run-cli.ts';

let dir: string;
let model: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'churnlens-cli-bad-'));
  model = join(dir, 'model.json');
  const r = await runCli(['train', MLC, '--target', 'churn', '--trees', '5', '--threads', '2', '--out', model]);
  if (r.code !== 0) throw new Error(`training the fixture model failed: ${r.stderr}`);
}, 180_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function expectOneLineError(r: CliRun, code: number, ...mentions: (string | RegExp)[]): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^churnlens: \S/);
  expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)|\bat file:|node:internal/);
  // A message, not a raw message key.
  expect(lines[0]).not.toMatch(/churnlens: [a-z]+\.[a-zA-Z.]+( \{|$)/);
  for (const m of mentions) expect(lines[0]).toMatch(m);
}

const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('data and file problems exit 1', { timeout: 180_000 }, () => {
  it('missing data file', async () => {
    const r = await runCli(['train', join(dir, 'nope.csv'), '--target', 'churn', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, 'nope.csv');
  });

  it('missing model file', async () => {
    const r = await runCli(['score', join(dir, 'no-model.json'), MLC, '--out', join(dir, 'x.csv')]);
    expectOneLineError(r, 1, 'no-model.json');
  });

  it('a folder instead of a file', async () => {
    const r = await runCli(['train', dir, '--target', 'churn', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, dir);
  });

  it('unknown target column, listing the columns there are', async () => {
    const r = await runCli(['train', MLC, '--target', 'Churned', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, '"Churned"', 'account_length');
  });

  it('unknown id and drop columns', async () => {
    expectOneLineError(await runCli(['train', MLC, '--target', 'churn', '--id', 'cust', '--out', join(dir, 'x.json')]), 1, '"cust"', '--id');
    expectOneLineError(await runCli(['train', MLC, '--target', 'churn', '--drop', 'state,nothere', '--out', join(dir, 'x.json')]), 1, '"nothere"', '--drop');
  });

  it('target with one class', async () => {
    const csv = file('one-class.csv', 'a,b,churn\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 3},no`).join('\n') + '\n');
    const r = await runCli(['train', csv, '--target', 'churn', '--positive', 'no', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, 'churn');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });

  it('a positive value that never occurs', async () => {
    const r = await runCli(['train', MLC, '--target', 'churn', '--positive', 'maybe', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, 'maybe');
  });

  it('a target whose churn value cannot be detected', async () => {
    const csv = file('odd-target.csv', 'a,status\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 2 ? 'red' : 'blue'}`).join('\n') + '\n');
    const r = await runCli(['train', csv, '--target', 'status', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1, '--positive', 'red');
  });

  it('unreadable CSV (binary bytes)', async () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    const r = await runCli(['train', file('binary.csv', bytes), '--target', 'churn', '--out', join(dir, 'x.json')]);
    expectOneLineError(r, 1);
  });

  it('model and data do not match (columns missing from the data)', async () => {
    const r = await runCli(['score', model, TELCO, '--out', join(dir, 'x.csv')]);
    expectOneLineError(r, 1);
  });

  it('a file that is not a model', async () => {
    const r = await runCli(['score', file('not-model.json', '{"hello": 1}'), MLC, '--out', join(dir, 'x.csv')]);
    expectOneLineError(r, 1);
    const r2 = await runCli(['info', file('garbage.json', 'this is { not json')]);
    expectOneLineError(r2, 1);
  });

  it('output folder that does not exist', async () => {
    const r = await runCli(['score', model, MLC, '--out', join(dir, 'no', 'such', 'dir', 's.csv')]);
    expectOneLineError(r, 1, 's.csv');
  });
});

describe('command-line mistakes exit 2', { timeout: 180_000 }, () => {
  it('unknown flag', async () => {
    expectOneLineError(await runCli(['train', MLC, '--target', 'churn', '--tress', '5', '--out', 'x.json']), 2, '--tress');
    expectOneLineError(await runCli(['score', model, MLC, '--out', 'x.csv', '--fast']), 2, '--fast');
  });

  it('bad numbers and choices', async () => {
    const base = ['train', MLC, '--target', 'churn', '--out', join(dir, 'x.json')];
    expectOneLineError(await runCli([...base, '--trees', 'many']), 2, '--trees', 'many');
    expectOneLineError(await runCli([...base, '--trees', '0']), 2, '--trees');
    expectOneLineError(await runCli([...base, '--test-fraction', '1.5']), 2, '--test-fraction');
    expectOneLineError(await runCli([...base, '--threshold', 'high']), 2, '--threshold');
    expectOneLineError(await runCli([...base, '--seed', '-3']), 2, '--seed');
    expectOneLineError(await runCli([...base, '--mtry', 'half']), 2, '--mtry');
    expectOneLineError(await runCli([...base, '--criterion', 'variance']), 2, '--criterion', 'entropy');
    expectOneLineError(await runCli([...base, '--balance', 'oversample:x']), 2, '--balance');
    expectOneLineError(await runCli([...base, '--preset', 'fast']), 2, '--preset', 'mahout');
  });

  it('missing arguments and options', async () => {
    expectOneLineError(await runCli(['train', MLC, '--out', 'x.json']), 2, '--target');
    expectOneLineError(await runCli(['train', MLC, '--target', 'churn']), 2, '--out');
    expectOneLineError(await runCli(['train', '--target', 'churn', '--out', 'x.json']), 2, 'DATA.csv');
    expectOneLineError(await runCli(['score', model, '--out', 'x.csv']), 2, 'DATA.csv');
    expectOneLineError(await runCli(['train', MLC, '--target']), 2, '--target');
  });

  it('no command at all', async () => {
    expectOneLineError(await runCli([]), 2, 'train, score');
  });

  it('unknown command', async () => {
    expectOneLineError(await runCli(['predict', MLC]), 2, '"predict"');
  });

  it('--reasons and --contributions still need the data file and --out', async () => {
    expectOneLineError(await runCli(['score', model, '--out', join(dir, 'r.csv'), '--reasons']), 2, 'DATA.csv');
    expectOneLineError(await runCli(['score', model, MLC, '--contributions']), 2, '--out');
    expect(existsSync(join(dir, 'r.csv'))).toBe(false);
  });
});

describe('help, version and language', { timeout: 180_000 }, () => {
  it('prints help for the tool and each command', async () => {
    for (const args of [['--help'], ['train', '--help'], ['score', '--help'], ['info', '--help'], ['export', '--help']]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage/);
    }
    const t = await runCli(['train', '--help']);
    for (const flag of ['--target', '--positive', '--id', '--drop', '--trees', '--mtry', '--criterion', '--max-depth', '--min-leaf', '--min-split', '--balance', '--vote', '--test-fraction', '--seed', '--threads', '--preset', '--threshold', '--out']) {
      expect(t.stdout).toContain(flag);
    }
  });

  it('prints the version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^churnlens \d+\.\d+\.\d+\n$/);
  });

  it('speaks Chinese when LANG is zh', async () => {
    const r = await runCli(['train', join(dir, 'nope.csv'), '--target', 'churn', '--out', 'x.json'], { LANG: 'zh_CN.UTF-8' });
    expectOneLineError(r, 1, 'nope.csv', /[\u4e00-\u9fff]/);
    const u = await runCli(['train', MLC, '--target', 'churn', '--trees', 'x', '--out', 'x.json'], { LANG: 'zh_CN.UTF-8' });
    expectOneLineError(u, 2, /整数/);
  });
});

describe('suspicious but trainable data is trained, with a warning', { timeout: 180_000 }, () => {
  it('a detected churn value that makes most customers churners is named, with the way out', async () => {
    // coded 1 = active, 2 = closed: "1" reads as the churn word, 85.5% would be churners
    const rows = Array.from({ length: 400 }, (_, i) => `${(i * 37) % 101},${i % 7 === 0 ? 2 : 1}`);
    const data = file('coded.csv', `x,status\n${rows.join('\n')}\n`);
    const r = await runCli(['train', data, '--target', 'status', '--trees', '5', '--threads', '2', '--out', join(dir, 'coded.json')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Warning: with churned = "1", 85.5% of the customers churned. If that value means they stayed, give the other one with --positive.');
    const ok = await runCli(['train', data, '--target', 'status', '--positive', '2', '--trees', '5', '--threads', '2', '--out', join(dir, 'coded2.json')]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).not.toContain('Warning: with churned');
  });
});
