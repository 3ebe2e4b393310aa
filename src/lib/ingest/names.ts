// What a column's name says about it: identifiers (never features) and header clean-up.

const ID_WORDS = new Set([
  'id', 'uid', 'uuid', 'guid', 'rownumber', 'rowid', 'rowno', 'index', 'customerid', 'custid', 'userid',
  'clientid', 'accountid', 'memberid', 'subscriberid', 'customerno', 'customernumber', 'accountnumber',
  'cardnumber', 'cardno', 'phonenumber', 'phone', 'mobile', 'email', 'surname', 'lastname', 'firstname',
  'fullname', 'customername', 'unnamed0', 'serialnumber', 'serialno',
]);
const ID_CJK = /编号|客户号|卡号|序号|账号|帐号|手机号|电话|姓名|身份证|用户id|客户id|会员号|工号/i;

/** Lower-case letters and digits only: "Customer ID" and "customer_id" both become "customerid". */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function nameLooksLikeId(name: string): boolean {
  if (ID_CJK.test(name)) return true;
  const s = squash(name);
  if (ID_WORDS.has(s)) return true;
  // "customerID", "Customer_Id", "user id": a last word "id" (not "paid", "valid").
  const t = name.trim();
  return /(^|[^a-z])id$/i.test(t) || /[a-z]I[dD]$/.test(t) || /[_\s-](no|num)$/i.test(t);
}

/**
 * Trimmed header names; blanks become column_N (N = position from 1), repeats become name_2,
 * name_3 … Returns the names and the original names that were repeated.
 */
export function cleanHeaders(raw: string[]): { names: string[]; duplicates: string[]; blanks: number } {
  const names: string[] = [];
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let blanks = 0;
  const trimmed = raw.map((h, i) => {
    let t = h.trim();
    if (i === 0 && t.charCodeAt(0) === 0xfeff) t = t.slice(1).trim();
    return t;
  });
  for (const t of trimmed) if (t) seen.add(t);
  const used = new Set<string>();
  // Next suffix to try per repeated name: a header of one name repeated n times stays O(n), not O(n²)
  // (a 1 MB line of "a,b,c,…" is 500,000 repeats and must fail fast as a single line, not hang).
  const nextK = new Map<string, number>();
  for (let i = 0; i < trimmed.length; i++) {
    let name = trimmed[i];
    if (!name) {
      blanks++;
      name = `column_${i + 1}`;
      while (used.has(name) || seen.has(name)) name += '_';
    } else if (used.has(name)) {
      if (!duplicates.includes(name)) duplicates.push(name);
      let k = nextK.get(name) ?? 2;
      while (used.has(`${name}_${k}`) || seen.has(`${name}_${k}`)) k++;
      nextK.set(name, k + 1);
      name = `${name}_${k}`;
    }
    used.add(name);
    names.push(name);
  }
  return { names, duplicates, blanks };
}
