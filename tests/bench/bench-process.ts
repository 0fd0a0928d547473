/**
 * Processes of the floor comparison (tests/bench/floors.bench.ts): the API and the floor server each run in a child
 * process of their own, so the resident memory read for each is that server's alone, and neither shares an event
 * loop with the runner or the load generator.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What a child sends once it listens. */
export interface ListeningMessage {
  listening: number;
}

/** A server in a child process: its pid (for /proc), its base URL, and how to stop it. */
export interface ChildServer {
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Forks `entry` (a compiled .js file) with `env`, and waits for it to report its port. The child stops on a
 * `'stop'` message (closing its server and pool), or is killed after 10 s; a child that dies before listening
 * fails the start with its exit code.
 */
export function startChild(entry: string, env: NodeJS.ProcessEnv, what: string): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(entry, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const onExit = (code: number | null) => reject(new Error(`${what} exited with code ${String(code)} before it listened`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (message: unknown) => {
      const port = (message as Partial<ListeningMessage>).listening;
      if (typeof port !== 'number') return;
      child.off('exit', onExit);
      resolve({
        pid: child.pid as number,
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send('stop');
          }),
      });
    });
  });
}

/** Resident memory of a process in bytes, from /proc/<pid>/status: now (VmRSS) and its peak so far (VmHWM). */
export interface Memory {
  rss: number;
  peak: number;
}

export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Samples a process's VmRSS every `everyMs` while load runs; `stop()` returns the samples and the peak then. */
export function sampleMemory(pid: number, everyMs = 250): { stop(): { samples: number[]; peak: number } } {
  const samples: number[] = [];
  // A server that died under load shows as failed requests; the sampler only stops counting.
  const timer = setInterval(() => {
    try {
      samples.push(readMemory(pid).rss);
    } catch {
      clearInterval(timer);
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = readMemory(pid);
      samples.push(now.rss);
      return { samples, peak: now.peak };
    },
  };
}

/** A child's side: tells the parent its port, and runs `close` (then exits) when the parent says stop. */
export function serveAsChild(port: number, close: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('this file runs as a child process of the bench runner (tests/bench/floors.bench.ts)');
  process.on('message', (message) => {
    if (message !== 'stop') return;
    void close().finally(() => process.exit(0));
  });
  // An orphan (the runner died) must not outlive it.
  process.on('disconnect', () => void close().finally(() => process.exit(0)));
  send({ listening: port } satisfies ListeningMessage);
}
