// `npm run bench:browser`: the browser path of the benchmark (see bench/browser.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./browser.ts');
process.exit(await main(process.argv.slice(2)));
