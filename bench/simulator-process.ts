import { fork, type ChildProcess } from 'node:child_process';

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** `count` items the simulator knows (no history), with their access tokens. */
  seed(count: number): Promise<{ itemId: string; accessToken: string }[]>;
  close(): Promise<void>;
}

/** bench/simulator-child.ts as its own process. */
export async function startSimulatorProcess(latencyMs: number): Promise<SimulatorProcess> {
  const child = fork('bench/simulator-child.ts', [], { execArgv: ['--import', 'tsx'], env: { ...process.env, PLAID_SIM_LATENCY_MS: String(latencyMs) }, stdio: 'inherit' });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: Record<string, unknown>) => {
        if (!(key in message)) return;
        child.off('message', onMessage);
        resolve(message[key] as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the simulated Plaid stopped (${code})`)));
    });
  const url = await next<string>('url');
  return {
    url,
    child,
    async seed(count) {
      const answer = next<{ itemId: string; accessToken: string }[]>('seeded');
      child.send({ seed: count });
      return answer;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
