// TreeSHAP benchmark entry: registers tsx so the benchmark can import the engine's TypeScript.
// node bench/shap.mjs [--rows N] [--threads T] [--trees N] [--model FILE]   (see bench/README.md)
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./shap.ts');
process.exit(await main(process.argv.slice(2)));
