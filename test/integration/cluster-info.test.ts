// cluster-info through all three front ends: the built sub-action, the built
// root action (command dispatch) and the CLI, against a real control plane;
// and reaching it through an HTTP proxy (kubeconfig proxy-url, HTTPS_PROXY).
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { kubeconfigWith, writeKubeconfig } from "../harness/kubeconfigs.ts";
import { startConnectProxy } from "../harness/proxy.ts";
import { runBuiltAction, runCli } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ s3: false });

test("the built action reports version and nodes in outputs and the job summary", async () => {
  await addNodes(fx.client, [{ name: "cp-1", role: "control-plane" }, { name: "worker-1" }]);
  const run = runBuiltAction("cluster-info", { kubeconfig: fs.readFileSync(fx.sandbox.kubeconfig, "utf8") });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(run.outputs, { "server-version": "v1.35.4", nodes: "2", "ready-nodes": "2" });
  assert.match(run.summary, /\| cp-1 \| control-plane \| v1\.35\.4 \| yes \| yes \|/);
  // The kubeconfig's key material was registered as a secret.
  assert.match(run.stdout, /::add-mask::/);
});

test("the root action dispatches on `command` and rejects unknown ones by name", () => {
  const ok = runBuiltAction(".", { command: "cluster-info", "kubeconfig-path": fx.sandbox.kubeconfig });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.outputs["ready-nodes"], "2");
  const bad = runBuiltAction(".", { command: "explode" });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /input 'command': got "explode", expected one of cluster-info/);
});

test("a kubeconfig pointing nowhere fails with a message for the user", () => {
  const run = runBuiltAction("cluster-info", { "kubeconfig-path": "/does/not/exist" });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /::error::input 'kubeconfig-path': file "\/does\/not\/exist" does not exist/);
});

test("the CLI runs the same capability with flags named like the inputs", () => {
  const run = runCli(["cluster-info", "--kubeconfig-path", fx.sandbox.kubeconfig]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /server-version=v1\.35\.4/);
  assert.match(run.stdout, /worker-1 +<none> +v1\.35\.4 +yes +yes/);
});

/** The sandbox's kubeconfig with its cluster entry changed, written next to it. */
const kubeconfigFile = (name: string, changes: Record<string, unknown>) =>
  writeKubeconfig(fx, name, kubeconfigWith(fx, changes));

const serverPort = () => new URL(fx.sandbox.info.server).port;

test("a kubeconfig's proxy-url is used for every request, with its credentials kept secret", async (t) => {
  const proxy = await startConnectProxy({ requireAuth: "ci:s3cret-pass" });
  t.after(() => proxy.stop());
  const good = kubeconfigFile("proxied", { "proxy-url": `http://ci:s3cret-pass@127.0.0.1:${proxy.port}` });
  const run = runCli(["cluster-info", "--kubeconfig-path", good]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /server-version=v1\.35\.4/);
  assert.ok(proxy.requests().includes(`CONNECT 127.0.0.1:${serverPort()}`), proxy.requests().join("\n"));

  // A wrong password: refused by the proxy, said so, the password not shown.
  const bad = kubeconfigFile("proxied-badpass", {
    "proxy-url": `http://ci:wrong-pass@127.0.0.1:${proxy.port}`,
  });
  const refused = runCli(["cluster-info", "--kubeconfig-path", bad]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /through the kubeconfig's proxy-url http:\/\/\*\*\*@127\.0\.0\.1/);
  assert.match(refused.stderr, /407/);
  assert.doesNotMatch(refused.stderr + refused.stdout, /wrong-pass/);
  assert.ok(proxy.requests().some((r) => r.startsWith("DENIED")));

  // A proxy that is not there is named as the thing to fix.
  const dead = kubeconfigFile("proxied-dead", { "proxy-url": "http://ci:s3cret-pass@127.0.0.1:9" });
  const unreachable = runCli(["cluster-info", "--kubeconfig-path", dead]);
  assert.equal(unreachable.status, 1);
  assert.match(
    unreachable.stderr,
    /cannot reach the kubeconfig's proxy-url http:\/\/\*\*\*@127\.0\.0\.1:9 \(ECONNREFUSED\) on the way to the Kubernetes API/,
  );
  assert.doesNotMatch(unreachable.stderr, /s3cret/);

  // SOCKS is kubectl's too, but not ours: refused by name, not bypassed.
  const socks = kubeconfigFile("socks", { "proxy-url": "socks5://u:hidden@127.0.0.1:1080" });
  const unsupported = runCli(["cluster-info", "--kubeconfig-path", socks]);
  assert.equal(unsupported.status, 1);
  assert.match(unsupported.stderr, /proxy-url "socks5:\/\/\*\*\*@127\.0\.0\.1:1080" uses socks5/);
  assert.doesNotMatch(unsupported.stderr, /hidden/);
});

test("HTTPS_PROXY and NO_PROXY from the environment apply as for kubectl; loopback servers go direct", async (t) => {
  const proxy = await startConnectProxy();
  t.after(() => proxy.stop());
  // A name only the proxy can resolve (it tunnels to 127.0.0.1), on the server certificate.
  const remote = kubeconfigFile("remote", { server: `https://kubernetes.default.svc:${serverPort()}` });
  const viaEnv = runCli(["cluster-info", "--kubeconfig-path", remote], {
    HTTPS_PROXY: `127.0.0.1:${proxy.port}`,
  });
  assert.equal(viaEnv.status, 0, viaEnv.stderr);
  assert.ok(proxy.requests().includes(`CONNECT kubernetes.default.svc:${serverPort()}`));

  // NO_PROXY names the host: straight to it, which this machine cannot resolve.
  const bypassed = runCli(["cluster-info", "--kubeconfig-path", remote], {
    https_proxy: proxy.url,
    NO_PROXY: "example.com,.svc",
  });
  assert.equal(bypassed.status, 1);
  assert.match(bypassed.stderr, /cannot reach the Kubernetes API at https:\/\/kubernetes\.default\.svc/);

  // The sandbox's own kubeconfig (127.0.0.1) never goes through a proxy, even a dead one.
  const before = proxy.requests().length;
  const direct = runCli(["cluster-info", "--kubeconfig-path", fx.sandbox.kubeconfig], {
    HTTPS_PROXY: "http://127.0.0.1:9",
  });
  assert.equal(direct.status, 0, direct.stderr);
  assert.equal(proxy.requests().length, before);
});
