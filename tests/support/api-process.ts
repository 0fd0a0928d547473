import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The built server (`npm test` builds it before jest runs). */
const mainScript = path.join(__dirname, '..', '..', 'dist/api/main.js');

/** Another API process (the built server) on the test's database; resolves with its URL once it serves. */
export function startApiProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(process.execPath, [mainScript], {
    // Webhook receivers of the tests listen on 127.0.0.1.
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', ADMIN_UI: 'false', SEED_DEMO: 'false', LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not serving within 60 s:\n${output}`)), 60_000);
    const check = setInterval(() => {
      const match = /http:\/\/localhost:(\d+)\/graphql/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        clearInterval(check);
        resolve({ child, baseUrl: `http://127.0.0.1:${match[1]}` });
      }
    }, 50);
    child.once('exit', (code) => {
      clearTimeout(timer);
      clearInterval(check);
      // After it served, an exit other than by a signal the test sent (128 + signal) is a crash: show what it said.
      if (code !== null && code !== 0 && code < 128) console.error(`the API process exited with ${code}:\n${output.slice(-4000)}`);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}
