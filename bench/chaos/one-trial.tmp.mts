import { startEmulatorProcess } from '../bench-support.ts';
import { runTrial } from './chaos-trial.ts';
const [engine, mode, phase, fault] = process.argv.slice(2);
const emu = await startEmulatorProcess({ repos: 1, issuesPerRepo: 200, commentsPerIssue: 2, seed: 1 });
try {
  const r = await runTrial({ engine: engine as 'pglite', mode: mode as 'job', phase: phase as 'metadata', faultMix: fault === 'mix', emulatorUrl: emu.url, repo: emu.repos[0]!, random: Math.random, recoveryTimeoutSeconds: 120 });
  console.log(JSON.stringify(r));
} catch (e) { console.error('TRIAL ERROR', e); } finally { emu.stop(); }
