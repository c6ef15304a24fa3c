// The harness itself: a real control plane whose simulated nodes run pods,
// whose etcd speaks mTLS, and whose S3 server stores objects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { GetObjectCommand, PutObjectCommand, DeleteObjectCommand } from "@aws-sdk/client-s3";
import https from "node:https";
import fs from "node:fs";
import { addNodes, setKubeletVersion } from "../../src/sandbox/nodes.ts";
import { seed, waitForRunningPods } from "../../src/sandbox/seed.ts";
import { sandboxS3 } from "../harness/etcd.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox();

test("the API server reports the release it was built from", async () => {
  const v = await fx.client.serverVersion();
  assert.equal(v.gitVersion, "v1.35.4");
});

test("simulated nodes become Ready and seeded workloads run on them", async () => {
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane", kubeletVersion: "v1.34.2" },
    { name: "worker-1" },
    { name: "worker-2" },
  ]);
  await seed(fx.client, {
    namespace: "shop",
    deployments: 2,
    replicas: 2,
    daemonSets: 1,
    statefulSets: 1,
    secrets: 1,
    customResources: 2,
  });
  // 2x2 Deployment pods, a DaemonSet pod per node (3), 2 StatefulSet pods.
  await waitForRunningPods(fx.client, "shop", 9);
  const pods = await fx.client.get<{ items: { spec: { nodeName?: string } }[] }>(
    "/api/v1/namespaces/shop/pods",
  );
  const nodes = new Set(pods.items.map((p) => p.spec.nodeName));
  assert.ok(
    nodes.has("worker-1") && nodes.has("worker-2"),
    "the real scheduler spread pods over the workers",
  );
  const cp = await fx.client.get<{
    spec: { taints?: { key: string }[] };
    status: { nodeInfo: { kubeletVersion: string } };
  }>("/api/v1/nodes/cp-1");
  assert.equal(cp.status.nodeInfo.kubeletVersion, "v1.34.2");
  assert.equal(cp.spec.taints?.[0]?.key, "node-role.kubernetes.io/control-plane");
  const widgets = await fx.client.get<{ items: unknown[] }>("/apis/kubekeep.dev/v1/namespaces/shop/widgets");
  assert.equal(widgets.items.length, 2);
});

test("a simulated kubelet upgrade shows in the node's status", async () => {
  await setKubeletVersion(fx.client, "cp-1", "v1.35.4");
  const cp = await fx.client.get<{ status: { nodeInfo: { kubeletVersion: string } } }>("/api/v1/nodes/cp-1");
  assert.equal(cp.status.nodeInfo.kubeletVersion, "v1.35.4");
});

test("a deleted pod stays Terminating for its grace period, then goes", async () => {
  await addNodes(fx.client, [{ name: "worker-grace" }]);
  await seed(fx.client, { namespace: "grace", deployments: 1, replicas: 1, gracePeriodSeconds: 3 });
  await waitForRunningPods(fx.client, "grace", 1);
  const list = await fx.client.get<{ items: { metadata: { name: string } }[] }>(
    "/api/v1/namespaces/grace/pods",
  );
  const name = list.items[0]?.metadata.name ?? "";
  const t0 = Date.now();
  await fx.client.delete(`/api/v1/namespaces/grace/pods/${name}`);
  for (;;) {
    try {
      await fx.client.get(`/api/v1/namespaces/grace/pods/${name}`);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const took = Date.now() - t0;
  assert.ok(took >= 2900 && took < 6000, `pod removed after ${took}ms, expected about 3s`);
});

test("etcd accepts only clients with a certificate from the sandbox CA", async () => {
  const { etcd } = fx.sandbox.info;
  const get = (withCert: boolean) =>
    new Promise<number>((resolve, reject) => {
      const req = https.get(
        `${etcd.endpoint}/health`,
        {
          ca: fs.readFileSync(etcd.caFile),
          ...(withCert ? { cert: fs.readFileSync(etcd.certFile), key: fs.readFileSync(etcd.keyFile) } : {}),
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
    });
  assert.equal(await get(true), 200);
  await assert.rejects(get(false));
});

test("the S3 server stores and returns objects", async () => {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const body = "hello from kubekeep " + Date.now();
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "round/trip.txt",
        Body: body,
        Metadata: { revision: "42" },
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: "round/trip.txt" }));
    assert.equal(await got.Body?.transformToString(), body);
    assert.equal(got.Metadata?.revision, "42");
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: "round/trip.txt" }));
  } finally {
    client.destroy();
  }
});
