// The customer-value choice is made once and shared by the Customers and Act screens (both show
// expected loss). null column = not chosen yet (a guess from the column names is used).
export const valueChoice = $state<{ column: string | null; constant: number; currency: string }>({
  column: null,
  constant: 100,
  currency: '',
});

/** The chosen value column if the table still has it, else the guess; '' = a constant for everyone. */
export function effectiveValueColumn(available: string[], guess: string): string {
  const c = valueChoice.column;
  if (c === null) return guess;
  if (c === '' || available.includes(c)) return c;
  return guess;
}
