// Preloaded (`--import`) into a console started by test/integration/external-stores.test.ts:
// registers a resolve hook that appends every module URL the process resolves to the file named
// by PULSE_MODULE_LOG, so the test can read the process's module graph.
import { register } from 'node:module';

if (process.env.PULSE_MODULE_LOG) register('./module-log-hooks.mjs', import.meta.url, { data: { file: process.env.PULSE_MODULE_LOG } });
