// A real redis-server for the tests that need one (Debian's package; .ci/run installs it). Those
// tests say so, and run only where `redis-server` exists.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const HAS_REDIS = spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

/** Start redis-server on a free loopback port, without persistence; resolves once it answers. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const proc: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/.test(out)) clearTimeout(timer), resolve();
    });
    proc.on("exit", (code) => (clearTimeout(timer), reject(new Error(`redis-server exited (${code}): ${out}`))));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : (proc.once("exit", () => resolve()), proc.kill("SIGKILL")))),
  };
}
