// The per-installation write queue's order and spacing, with small spacings on real timers.
import { SpacedQueue, type WriteKind } from "../../src/app/write-queue.js";

test("one write at a time, spaced; a check queued later goes ahead of queued comments; comments keep their own spacing", async () => {
  const q = new SpacedQueue(30, 90);
  const started: [string, number][] = [];
  const t0 = Date.now();
  const write = (name: string, kind: WriteKind) => q.run(kind, async () => void started.push([name, Date.now() - t0]));
  const all = [write("comment-1", "notify"), write("comment-2", "notify"), write("edit-1", "edit")];
  await new Promise((r) => setTimeout(r, 5));
  all.push(write("check-1", "check"));
  await Promise.all(all);
  expect(started.map(([n]) => n)).toEqual(["comment-1", "check-1", "edit-1", "comment-2"]);
  const at = Object.fromEntries(started);
  for (let i = 1; i < started.length; i++) expect(started[i]![1] - started[i - 1]![1]).toBeGreaterThanOrEqual(28);
  expect(at["comment-2"]! - at["comment-1"]!).toBeGreaterThanOrEqual(88);
});

test("a failed write rejects its caller and the queue goes on", async () => {
  const q = new SpacedQueue(0, 0);
  await expect(q.run("check", async () => Promise.reject(new Error("502")))).rejects.toThrow("502");
  await expect(q.run("check", async () => "ok")).resolves.toBe("ok");
});
