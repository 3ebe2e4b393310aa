// Messages of the results screens (Results, Customers, Act). en and zh must have the same keys.
export const en: Record<string, string> = {
};

export const zh: Record<string, string> = {
};
