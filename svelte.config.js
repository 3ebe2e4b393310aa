// Svelte compiler options shared by the app build and the component tests.
export default {
  compilerOptions: { runes: true },
};
