// Guess which columns of a transaction log hold the customer, date, amount, kind and balance:
// first by name (English and Chinese), then by what the values look like. Only a suggestion —
// the user confirms the mapping.
import type { Column, Table } from '../table/types.ts';
import { MISSING_CODE } from '../table/types.ts';
import { parseDateText } from './dates.ts';
import { parseAmountText } from './amounts.ts';
import type { LogRoles } from './prepare.ts';

export type LogRoleGuess = Partial<LogRoles>;

type Role = keyof LogRoles;

// Ordered by role; within a role, earlier patterns are stronger evidence.
const NAME_PATTERNS: Record<Role, RegExp[]> = {
  customer: [
    /^(customer|cust|client|member|account|user)[\s_-]*(id|no|number|code)?$/i,
    /customer|cust[\s_-]?id|client|member[\s_-]?id|account[\s_-]?(id|no)|user[\s_-]?id/i,
    /客户|会员|用户|账户|户号/,
    /card[\s_-]?(no|number|id)|卡号/i,
  ],
  date: [
    /^(date|time|timestamp|datetime|transaction[\s_-]?(date|time)|trans[\s_-]?date|txn[\s_-]?date)$/i,
    /date|time|day|交易时间|日期|时间/i,
  ],
  amount: [/^(amount|amt|value|sum)$/i, /amount|amt|金额|消费额|交易额|money|revenue|spend/i],
  kind: [/^(type|kind|category|transaction[\s_-]?type|txn[\s_-]?type)$/i, /type|kind|类型|类别|交易类型/i],
  balance: [/^balance$/i, /balance|余额/i],
};

function nameScore(name: string, role: Role): number {
  const pats = NAME_PATTERNS[role];
  for (let i = 0; i < pats.length; i++) if (pats[i].test(name)) return 10 - i;
  return 0;
}

/** Texts of up to `limit` non-missing cells, spread over the column. */
function sampleTexts(col: Column, limit = 200): string[] {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  const step = Math.max(1, Math.floor(n / limit));
  const out: string[] = [];
  for (let i = 0; i < n && out.length < limit; i += step) {
    if (col.kind === 'numeric') {
      const v = col.values[i];
      if (!Number.isNaN(v)) out.push(String(v));
    } else if (col.codes[i] !== MISSING_CODE) out.push(col.levels[col.codes[i]]);
  }
  return out;
}

function share(texts: string[], ok: (s: string) => boolean): number {
  if (texts.length === 0) return 0;
  let k = 0;
  for (const t of texts) if (ok(t)) k++;
  return k / texts.length;
}

function looksLikeDate(col: Column): boolean {
  if (col.kind === 'numeric') return col.semantic === 'date';
  const texts = sampleTexts(col);
  // day-first or month-first: either reading proves it is a date column
  return share(texts, (s) => !Number.isNaN(parseDateText(s, true)) || !Number.isNaN(parseDateText(s, false))) > 0.9 &&
    share(texts, (s) => /^\d{1,7}(\.\d+)?$/.test(s.trim())) < 0.5; // bare numbers are more likely amounts
}

function looksLikeAmount(col: Column): boolean {
  if (col.kind === 'numeric') return col.semantic === 'number';
  return share(sampleTexts(col), (s) => !Number.isNaN(parseAmountText(s))) > 0.9;
}

function distinctShare(col: Column): number {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  if (n === 0) return 0;
  if (col.kind === 'categorical') return col.levels.length / n;
  return new Set(col.values).size / n;
}

function fits(col: Column, role: Role): boolean {
  switch (role) {
    case 'date':
      return looksLikeDate(col);
    case 'amount':
    case 'balance':
      return looksLikeAmount(col) && !looksLikeDate(col);
    case 'kind':
      return col.kind === 'categorical' && col.levels.length >= 2 && col.levels.length <= 20;
    case 'customer':
      return col.kind === 'categorical' ? col.levels.length > 1 : col.semantic !== 'date';
  }
}

/** Best guess per role (a column is used for one role at most); roles without a convincing column are left out. */
export function detectLogRoles(table: Table): LogRoleGuess {
  const guess: LogRoleGuess = {};
  const used = new Set<string>();
  const order: Role[] = ['date', 'balance', 'amount', 'kind', 'customer'];
  for (const role of order) {
    let best: Column | null = null;
    let bestScore = 0;
    for (const col of table.columns) {
      if (used.has(col.name) || !fits(col, role)) continue;
      const s = nameScore(col.name, role);
      if (s > bestScore) { best = col; bestScore = s; }
    }
    if (!best) best = valueFallback(table, role, used);
    if (best) {
      guess[role] = best.name;
      used.add(best.name);
    }
  }
  return guess;
}

/** Without a telling name: the only date column; the id-like column with the most distinct values. */
function valueFallback(table: Table, role: Role, used: Set<string>): Column | null {
  const free = table.columns.filter((c) => !used.has(c.name));
  if (role === 'date') {
    const dates = free.filter(looksLikeDate);
    return dates.length === 1 ? dates[0] : null;
  }
  if (role === 'customer') {
    const ids = free.filter((c) => c.kind === 'categorical' && (c.semantic === 'id' || c.levels.length > 20));
    ids.sort((a, b) => distinctShare(b) - distinctShare(a));
    return ids.find((c) => distinctShare(c) < 0.9) ?? null; // a unique-per-row column is a transaction id
  }
  if (role === 'amount') {
    const nums = free.filter((c) => c.kind === 'numeric' && c.semantic === 'number');
    return nums.length === 1 ? nums[0] : null;
  }
  return null;
}
