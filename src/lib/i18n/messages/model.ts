// Messages about model files (load, validate, score with a saved model).
export const en: Record<string, string> = {
};

export const zh: Record<string, string> = {
};
