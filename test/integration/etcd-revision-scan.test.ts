/**
 * The streamed revision scan on a real etcd database: only pages reachable
 * from the bolt tree count. A snapshot taken while writers run can carry
 * free pages that a later write reused, holding revisions newer than the
 * snapshot's own; here such a page is put in place deterministically.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { startProcess, stopPid, waitUntil } from "../../src/controlplane/supervisor.ts";
import { httpOk } from "../../src/controlplane/probe.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { freePorts } from "../../src/core/ports.ts";
import { RevisionScanner } from "../../src/etcd/revision-scan.ts";
import { ensureComponents } from "../../src/sandbox/binaries.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-revscan-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PAGE_SIZE = 4096;
const FAR_AHEAD = 1_000_000;

function scan(db: Buffer): RevisionScanner {
  const s = new RevisionScanner();
  // Odd slices, as the stream delivers them.
  for (let off = 0; off < db.length; off += 7777) s.add(db.subarray(off, off + 7777));
  return s;
}

/** mvcc revision keys (main, '_', sub[, 't']) of a leaf page, or undefined for another page. */
function leafRevisions(db: Buffer, pgid: number): number[] | undefined {
  const page = db.subarray(pgid * PAGE_SIZE, (pgid + 1) * PAGE_SIZE);
  if (Number(page.readBigUInt64LE(0)) !== pgid || page.readUInt16LE(8) !== 0x02) return undefined;
  const revs: number[] = [];
  for (let i = 0; i < page.readUInt16LE(10); i++) {
    const el = 16 + i * 16;
    const ksize = page.readUInt32LE(el + 8);
    const start = el + page.readUInt32LE(el + 4);
    if (page.readUInt32LE(el) !== 0 || (ksize !== 17 && ksize !== 18) || start + ksize > page.length)
      return undefined;
    if (page[start + 8] !== 0x5f) return undefined;
    revs.push(Number(page.readBigUInt64BE(start)));
  }
  return revs.length ? revs : undefined;
}

test("a free page holding newer revisions than the tree does not raise the recorded revision", async () => {
  const bins = await ensureComponents(["etcd"], new ConsoleLogger());
  const [client, peer] = (await freePorts(2)) as [number, number];
  const endpoint = `http://127.0.0.1:${client}`;
  const proc = startProcess({
    name: "revscan-etcd",
    command: bins.etcd,
    args: [
      `--data-dir=${path.join(tmp, "data")}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${peer}`,
      `--initial-cluster=default=http://127.0.0.1:${peer}`,
    ],
    logFile: path.join(tmp, "etcd.log"),
  });
  const snap = path.join(tmp, "snap.db");
  try {
    await waitUntil(proc, "/health", () => httpOk(`${endpoint}/health`), 30_000);
    const ctl = (...args: string[]) =>
      execFileSync(bins.etcdctl, [`--endpoints=${endpoint}`, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    // Large values, one leaf each; deleted and compacted, their pages go to the freelist.
    const big = "x".repeat(3000);
    for (let i = 0; i < 150; i++) ctl("put", `/gone/${i}`, big);
    ctl("del", "--prefix", "/gone/");
    const status = JSON.parse(ctl("endpoint", "status", "-w", "json")) as {
      Status: { header: { revision: number } };
    }[];
    const deleted = status[0]!.Status.header.revision;
    ctl("compact", String(deleted));
    for (let i = 0; i < 20; i++) ctl("put", `/kept/${i}`, `v${i}`);
    ctl("snapshot", "save", snap);
  } finally {
    await stopPid(proc.pid);
  }
  const statusOf = (file: string) =>
    JSON.parse(
      execFileSync(bins.etcdutl, ["snapshot", "status", file, "--write-out=json"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    ) as {
      hash: number;
      revision: number;
    };
  const db = fs.readFileSync(snap);
  const truth = statusOf(snap);
  assert.equal(scan(db).revision, truth.revision);

  // A leaf of the key bucket holding only revisions the compaction removed is free.
  let free = -1;
  for (let pgid = 2; pgid < db.length / PAGE_SIZE && free < 0; pgid++) {
    const revs = leafRevisions(db, pgid);
    if (revs && Math.max(...revs) < truth.revision - 20) free = pgid;
  }
  assert.ok(free > 0, "the snapshot has a free leaf page of deleted revisions");
  // A later write reuses it, as one does while tx.WriteTo copies the file: newer keys.
  const page = db.subarray(free * PAGE_SIZE, (free + 1) * PAGE_SIZE);
  const start = 16 + page.readUInt32LE(16 + 4);
  page.writeBigUInt64BE(BigInt(FAR_AHEAD), start);
  // etcd reads the same tree (same hash, same revision): the page is not part of it.
  fs.writeFileSync(snap, db);
  assert.deepEqual(statusOf(snap), truth);
  const s = scan(db);
  assert.equal(s.revision, truth.revision, "the free page's newer revision is not counted");
  assert.equal(s.keyRevision, truth.revision);
});
