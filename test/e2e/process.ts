// The real server as a process (src/server.ts through tsx: no build needed), for tests that need
// its own startup, signals and logs.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { join } from "node:path";
import type { FakeGitHub } from "../fake-github/server.js";
import { ROOT } from "../helpers.js";
import { APP_ID, WEBHOOK_SECRET } from "./helpers.js";

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  /** JSON log lines so far. */
  lines: () => Record<string, unknown>[];
  /** Everything written to stdout and stderr so far, log lines or not. */
  output: () => string;
  exited: Promise<number | null>;
  privateKey: string;
}

/** Start the server against `fake`; resolves with its base URL once it logs that it listens. */
export async function startServer(fake: FakeGitHub, env: Record<string, string> = {}): Promise<ServerProcess> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src", "server.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      GHE_HOST: fake.host,
      GHE_PROTOCOL: "http",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = "";
  let all = "";
  proc.stderr!.on("data", (d: Buffer) => (all += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on("data", (d: Buffer) => {
      all += d.toString();
      buffered += d.toString();
      const parts = buffered.split("\n");
      buffered = parts.pop()!;
      for (const p of parts) {
        try {
          const line = JSON.parse(p) as Record<string, unknown>;
          lines.push(line);
          if (line.msg === "listening") resolve(`http://${String(line.address)}`);
        } catch {
          // not a log line
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${all}`)));
  });
  return { url, proc, lines: () => lines, output: () => all, exited, privateKey };
}

/** POST a webhook signed with `secret` (the server's, by default). */
export function signedDelivery(url: string, event: string, payload: object, secret = WEBHOOK_SECRET): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` },
    body,
  });
}
