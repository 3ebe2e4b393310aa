// Messages of the engine domain. Keys are 'engine.something'; en and zh must have the same keys.
export const en: Record<string, string> = {
};

export const zh: Record<string, string> = {
};
