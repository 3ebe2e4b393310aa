import { describe, expect, it } from 'vitest';
import { parseCsvFile } from '../../../src/lib/ingest/node.ts';
import { detectTarget, labelVector, targetValues } from '../../../src/lib/profile/target.ts';
import { makeLabels } from '../../../src/lib/engine/labels.ts';
import { detectPositive } from '../../../src/cli/columns.ts';
import { parseText } from '../ingest/helpers.ts';

const root = new URL('../../../', import.meta.url).pathname;

describe('detectTarget', () => {
  it('finds the churn column and its churn value in the three real datasets', async () => {
    const telco = await parseCsvFile(root + 'public/samples/Telco-Customer-Churn.csv');
    expect(detectTarget(telco.table)).toMatchObject({ column: 'Churn', positive: 'Yes' });
    const bank = await parseCsvFile(root + 'public/samples/Churn_Modelling.csv');
    expect(detectTarget(bank.table)).toMatchObject({ column: 'Exited', positive: '1' });
    const mlc = await parseCsvFile(root + 'tests/fixtures/mlc_churn.csv');
    const t = detectTarget(mlc.table);
    expect(t).toMatchObject({ column: 'churn', positive: 'yes' });
    expect(t!.confidence).toBeGreaterThan(0.9);
  });

  it('understands Chinese names and values, attrition flags and true/false', async () => {
    const zh = await parseText('客户号,套餐,是否流失\nA1,甲,否\nA2,乙,是\nA3,甲,否\n');
    expect(detectTarget(zh.table)).toMatchObject({ column: '是否流失', positive: '是' });
    const bank = await parseText('CLIENTNUM,Attrition_Flag,Age\n1,Existing Customer,40\n2,Attrited Customer,50\n3,Existing Customer,45\n');
    expect(detectTarget(bank.table)).toMatchObject({ column: 'Attrition_Flag', positive: 'Attrited Customer' });
    const flags = await parseText('user,is_churned\na,false\nb,true\nc,false\n');
    expect(detectTarget(flags.table)).toMatchObject({ column: 'is_churned', positive: 'true' });
    const stayed = await parseText('customer_status,x\nstayed,1\nchurned,2\nstayed,3\n');
    expect(detectTarget(stayed.table)).toMatchObject({ column: 'customer_status', positive: 'churned' });
  });

  it('returns null when nothing looks like a churn label', async () => {
    const f = await parseText('a,b\n1,x\n2,y\n3,z\n');
    expect(detectTarget(f.table)).toBeNull();
  });

  it('prefers the rarer value when the words do not say which one is churn', async () => {
    const f = await parseText('churn_status,n\nA,1\nB,2\nA,3\nA,4\n');
    const t = detectTarget(f.table)!;
    expect(t.positive).toBe('B');
    expect(t.confidence).toBeLessThan(0.85);
  });
});

describe('targetValues and labelVector', () => {
  it('lists values by frequency and labels rows 1 / 0 / 255 (missing), other values as stayed', async () => {
    const f = await parseText('status,k\nactive,1\nchurned,2\nactive,3\npaused,4\n,5\n');
    expect(targetValues(f.table, 'status')).toEqual([
      { value: 'active', count: 2 },
      { value: 'churned', count: 1 },
      { value: 'paused', count: 1 },
    ]);
    expect(Array.from(labelVector(f.table, { column: 'status', positive: 'churned' }))).toEqual([0, 1, 0, 0, 255]);
    const n = await parseText('Exited,k\n1,a\n0,b\n,c\n');
    expect(Array.from(labelVector(n.table, { column: 'Exited', positive: '1' }))).toEqual([1, 0, 255]);
  });
});

describe('a target written with mixed case and spaces (Excel and CRM exports)', () => {
  const text = 'Churn Flag,k\nYes,1\nno,2\nNo,3\nYES ,4\nyes,5\n No,6\nNo,7\n,8\n';

  it('is one value per answer, named by its commonest spelling, with every spelling counted', async () => {
    const f = await parseText(text);
    expect(targetValues(f.table, 'Churn Flag')).toEqual([
      { value: 'No', count: 4 },
      { value: 'Yes', count: 3 },
    ]);
    // detected as the churn column, with "Yes" meaning churned
    expect(detectTarget(f.table)).toMatchObject({ column: 'Churn Flag', positive: 'Yes' });
    expect(detectPositive(f.table, 'Churn Flag')).toBe('Yes');
  });

  it('labels every spelling of the churn value as churned, in the profile and in the engine alike', async () => {
    const f = await parseText(text);
    const want = [1, 0, 0, 1, 1, 0, 0, 255];
    expect(Array.from(labelVector(f.table, { column: 'Churn Flag', positive: 'Yes' }))).toEqual(want);
    expect(Array.from(labelVector(f.table, { column: 'Churn Flag', positive: 'yes' }))).toEqual(want);
    const r = makeLabels(f.table, 'Churn Flag', 'Yes');
    expect(Array.from(r.labels)).toEqual(want);
    expect([r.positives, r.negatives, r.missing]).toEqual([3, 4, 1]);
  });
});
