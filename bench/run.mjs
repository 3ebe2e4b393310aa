// `npm run bench` entry: registers tsx so the benchmark can import the engine's TypeScript.
// node bench/run.mjs [--quick | --full] [--trees N] [--no-sklearn]
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exit(await main(process.argv.slice(2)));
