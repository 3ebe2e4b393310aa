import { describe, expect, it } from 'vitest';
import { parseDateColumn, parseDateText, detectDayOrder, excelSerialToDays } from '../../../src/lib/features/dates.ts';
import { daysFromCivil, monthOfDay, formatMonth, parseMonth, monthIndex } from '../../../src/lib/features/month.ts';
import { textColumn, numberColumn } from './table-helpers.ts';

const utcDays = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86400000;
const MAR5 = utcDays(2024, 3, 5);

describe('calendar arithmetic', () => {
  it('daysFromCivil and monthOfDay agree with Date.UTC over 1900..2100', () => {
    for (let y = 1900; y <= 2100; y += 7) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 28]) {
          const days = utcDays(y, m, d);
          expect(daysFromCivil(y, m, d)).toBe(days);
          expect(monthOfDay(days + 0.75)).toBe(y * 12 + m - 1);
        }
      }
    }
  });

  it('formats and parses months', () => {
    expect(formatMonth(monthIndex(2024, 3))).toBe('2024-03');
    expect(parseMonth('2024-03')).toBe(2024 * 12 + 2);
    expect(parseMonth('2024/3')).toBe(2024 * 12 + 2);
    expect(parseMonth('202403')).toBe(2024 * 12 + 2);
    expect(parseMonth('2024年3月')).toBe(2024 * 12 + 2);
    expect(parseMonth('2024-13')).toBeNull();
    expect(parseMonth('March')).toBeNull();
  });
});

describe('date texts', () => {
  it.each([
    ['2024-03-05', MAR5],
    ['2024-03-05T10:00:00', MAR5 + 10 / 24],
    ['2024-03-05 18:30', MAR5 + 18.5 / 24],
    ['2024-03-05T10:00:00Z', MAR5 + 10 / 24],
    ['2024/3/5', MAR5],
    ['2024/03/05 06:00:00', MAR5 + 0.25],
    ['20240305', MAR5],
    ['05.03.2024', MAR5],
    ['2024年3月5日', MAR5],
    ['45356', MAR5],
    ['45356.5', MAR5 + 0.5],
  ])('%s', (text, days) => {
    expect(parseDateText(text)).toBeCloseTo(days, 9);
  });

  it('d/m/y texts follow the order asked for', () => {
    expect(parseDateText('5/3/2024', true)).toBe(MAR5);
    expect(parseDateText('3/5/2024', false)).toBe(MAR5);
    expect(parseDateText('5/3/24', true)).toBe(MAR5);
  });

  it('impossible dates are bad, not rolled over', () => {
    for (const t of ['2024-02-30', '2023-02-29', '20241301', '31/04/2024', 'yesterday', '', '2024-03-05T25:00']) {
      expect(Number.isNaN(parseDateText(t, true)), t).toBe(true);
    }
    expect(parseDateText('2024-02-29')).toBe(utcDays(2024, 2, 29));
  });

  it('Excel serials, with the 1900 leap-year bug', () => {
    expect(excelSerialToDays(45356)).toBe(MAR5);
    expect(excelSerialToDays(61)).toBe(utcDays(1900, 3, 1));
    expect(excelSerialToDays(59)).toBe(utcDays(1900, 2, 28));
    expect(excelSerialToDays(1)).toBe(utcDays(1900, 1, 1));
    expect(Number.isNaN(excelSerialToDays(60))).toBe(true); // 1900-02-29 does not exist
    expect(Number.isNaN(excelSerialToDays(0))).toBe(true);
  });
});

describe('day/month order from the column', () => {
  it('a first part over 12 proves day-first; a second part over 12 proves month-first', () => {
    expect(detectDayOrder(['5/3/2024', '13/3/2024'])).toBe('day-first');
    expect(detectDayOrder(['3/5/2024', '3/13/2024'])).toBe('month-first');
    expect(detectDayOrder(['5/3/2024', '6/4/2024'])).toBe('ambiguous');
    expect(detectDayOrder(['05.03.2024', '06.04.2024'])).toBe('day-first');
    expect(detectDayOrder(['2024-03-05'])).toBe('none');
  });

  it('an ambiguous column asks instead of guessing, and accepts an explicit order', () => {
    const col = textColumn('d', ['5/3/2024', '6/4/2024', '5/3/2024']);
    const r = parseDateColumn(col);
    expect(r.ambiguous).toBe(true);
    if (r.ambiguous) expect(r.examples).toEqual(['5/3/2024', '6/4/2024']);
    const dayFirst = parseDateColumn(col, { dayFirst: true });
    expect(dayFirst.ambiguous).toBe(false);
    if (!dayFirst.ambiguous) {
      expect(Array.from(dayFirst.days)).toEqual([MAR5, utcDays(2024, 4, 6), MAR5]);
      expect(dayFirst.dayFirst).toBe(true);
    }
    const monthFirst = parseDateColumn(col, { dayFirst: false });
    if (!monthFirst.ambiguous) expect(Array.from(monthFirst.days)).toEqual([utcDays(2024, 5, 3), utcDays(2024, 6, 4), utcDays(2024, 5, 3)]);
  });

  it('detects day-first from one telling row and applies it to all', () => {
    const r = parseDateColumn(textColumn('d', ['5/3/2024', '25/12/2024']));
    expect(r.ambiguous).toBe(false);
    if (!r.ambiguous) {
      expect(r.dayFirst).toBe(true);
      expect(Array.from(r.days)).toEqual([MAR5, utcDays(2024, 12, 25)]);
    }
  });

  it('reports bad and missing rows by count and first indices', () => {
    const r = parseDateColumn(textColumn('d', ['2024-03-05', 'n/a', null, '2024-02-30', '2024-03-06']));
    expect(r.ambiguous).toBe(false);
    if (!r.ambiguous) {
      expect(r.badCount).toBe(3);
      expect(r.badRows).toEqual([1, 2, 3]);
      expect(r.days[4]).toBe(MAR5 + 1);
    }
  });
});

describe('numeric date columns', () => {
  it('semantic date columns are already days', () => {
    const r = parseDateColumn(numberColumn('d', [MAR5, null], 'date'));
    if (r.ambiguous) throw new Error('unexpected');
    expect(r.days[0]).toBe(MAR5);
    expect(r.badCount).toBe(1);
  });

  it('YYYYMMDD integers read as dates', () => {
    const r = parseDateColumn(numberColumn('d', [20240305, 20231231]));
    if (r.ambiguous) throw new Error('unexpected');
    expect(Array.from(r.days)).toEqual([MAR5, utcDays(2023, 12, 31)]);
  });

  it('other numbers read as Excel serials', () => {
    const r = parseDateColumn(numberColumn('d', [45356, 45356.25, 45000]));
    if (r.ambiguous) throw new Error('unexpected');
    expect(Array.from(r.days)).toEqual([MAR5, MAR5 + 0.25, utcDays(2023, 3, 15)]);
  });
});

describe('partial last month', () => {
  it('flags data that stop well before the month end', async () => {
    const { lastMonthIsPartial } = await import('../../../src/lib/features/build.ts');
    expect(lastMonthIsPartial(utcDays(2024, 12, 31))).toBe(false);
    expect(lastMonthIsPartial(utcDays(2024, 2, 27) + 0.5)).toBe(false); // 2 days before a leap February's end
    expect(lastMonthIsPartial(utcDays(2024, 12, 10))).toBe(true);
  });
});
