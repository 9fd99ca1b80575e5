import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineExport } from './lib/baseline-export.js';
import { exportWithCli } from './lib/cli.js';
import { withSandboxProcess } from './lib/processes.js';

await withSandboxProcess(
  { seed: 'bench', users: 20000, enrollments: 10000, faults: { latencyMs: 20 } },
  async (sandbox) => {
    for (let i = 0; i < 3; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'rep-'));
      const args = process.argv.slice(2);
      if (process.env.BASE) {
        mkdirSync(join(dir, 'b'));
        const t = performance.now();
        await baselineExport(sandbox.url, sandbox.token, join(dir, 'b'));
        console.log('baseline', Math.round(performance.now() - t));
      }
      const r = await exportWithCli(sandbox, dir, { args });
      console.log(Math.round(r.wallMs), 'ms', JSON.stringify(r.concurrency));
    }
  },
);
