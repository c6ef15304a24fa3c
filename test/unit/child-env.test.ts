// What the processes kubekeep starts inherit of its environment
// (core/child-env.ts): tools get a short list, a user's program what a
// `run:` step would have; never kubekeep's inputs or secret variables.
import assert from "node:assert/strict";
import { test } from "node:test";
import { childEnv, pluginEnv } from "../../src/core/child-env.ts";
import { runShell } from "../../src/core/process.ts";

const runner: NodeJS.ProcessEnv = {
  PATH: "/usr/bin",
  HOME: "/home/runner",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  HTTPS_PROXY: "http://proxy:3128",
  INPUT_KUBECONFIG: "apiVersion: v1\nusers: [{user: {client-key-data: a2V5}}]",
  "INPUT_SSH-KEY": "-----BEGIN OPENSSH PRIVATE KEY-----",
  KUBEKEEP_ENCRYPTION_KEY: "k".repeat(32),
  KUBEKEEP_SECRET_VALUES: "{}",
  KUBEKEEP_DEMO_KUBECTL: "/bin/kubectl",
  ACTIONS_RUNTIME_TOKEN: "runtime",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc",
  GITHUB_OUTPUT: "/tmp/out",
  GITHUB_REPOSITORY: "o/r",
  AWS_PROFILE: "prod",
  ETCD_DATA_DIR: "/var/lib/etcd",
  SSH_AUTH_SOCK: "/tmp/agent",
  GIT_CONFIG_GLOBAL: "/tmp/gitconfig",
};

test("a tool gets the base list and what it names, nothing else", () => {
  assert.deepEqual(childEnv({ tool: [] }, {}, runner), {
    PATH: "/usr/bin",
    HOME: "/home/runner",
    LANG: "C.UTF-8",
    LC_ALL: "C.UTF-8",
    HTTPS_PROXY: "http://proxy:3128",
  });
  const ssh = childEnv({ tool: ["SSH_AUTH_SOCK", "GIT_*"] }, { EXTRA: "1" }, runner);
  assert.equal(ssh.SSH_AUTH_SOCK, "/tmp/agent");
  assert.equal(ssh.GIT_CONFIG_GLOBAL, "/tmp/gitconfig");
  assert.equal(ssh.EXTRA, "1");
  assert.equal(ssh.ETCD_DATA_DIR, undefined, "etcd's flags come from the call alone");
});

test("a user's program gets a run: step's environment: no inputs, secrets, action tokens or step files", () => {
  const env = childEnv("user", { KUBEKEEP_NODE: "n1" }, runner);
  for (const gone of [
    "INPUT_KUBECONFIG",
    "INPUT_SSH-KEY",
    "KUBEKEEP_ENCRYPTION_KEY",
    "KUBEKEEP_SECRET_VALUES",
    "ACTIONS_RUNTIME_TOKEN",
    "GITHUB_OUTPUT",
  ])
    assert.equal(env[gone], undefined, gone);
  for (const kept of [
    "PATH",
    "AWS_PROFILE",
    "GITHUB_REPOSITORY",
    "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
    "KUBEKEEP_DEMO_KUBECTL",
  ])
    assert.equal(env[kept], runner[kept], kept);
  assert.equal(env.KUBEKEEP_NODE, "n1");
});

test("an exec plugin: the user's environment and the kubeconfig's env entries, as kubectl gives it", () => {
  // client-node hands over its whole environment with the entries laid over it, or none.
  const asked = { ...runner, PLUGIN_SETTING: "x", AWS_PROFILE: "from-kubeconfig" };
  const env = pluginEnv(asked, runner);
  assert.equal(env.PLUGIN_SETTING, "x");
  assert.equal(env.AWS_PROFILE, "from-kubeconfig");
  assert.equal(env.INPUT_KUBECONFIG, undefined);
  assert.equal(env.KUBEKEEP_ENCRYPTION_KEY, undefined);
  assert.deepEqual(pluginEnv(undefined, runner), childEnv("user", {}, runner));
});

test("runProcess starts the child with that environment", async () => {
  process.env.INPUT_PLANTED = "planted-input-value";
  try {
    for (const inherit of ["user", { tool: [] }] as const) {
      const res = await runShell("env", { inherit, env: { OWN: "1" }, timeoutMs: 10_000 });
      assert.equal(res.code, 0);
      assert.doesNotMatch(res.output, /INPUT_PLANTED|planted-input-value/);
      assert.match(res.output, /^OWN=1$/m);
      assert.match(res.output, /^PATH=/m);
    }
  } finally {
    delete process.env.INPUT_PLANTED;
  }
});
