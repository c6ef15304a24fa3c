// Kubeconfig loading without @kubernetes/client-node: kubectl's loading
// rules, credentials inline or in files, contexts, the in-cluster fallback,
// errors that name what is wrong but never a secret, and proof that the
// common path does not load client-node at all.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { stringify } from "yaml";
import {
  loadKubeconfig,
  TOKEN_FILE_MAX_AGE_MS,
  TokenFile,
  type Environment,
  type KubeconfigAuth,
  type LoadedKubeconfig,
} from "../../src/cluster/kubeconfig-load.ts";
import { chooseProxy } from "../../src/core/proxy.ts";

const b64 = (s: string) => Buffer.from(s).toString("base64");

function tmpdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-kubeconfig-"));
  test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An environment with nothing in it: no $KUBECONFIG, an empty home, no service account. */
function bare(dir: string, env: NodeJS.ProcessEnv = {}): Environment {
  fs.mkdirSync(path.join(dir, "home"), { recursive: true });
  return { env, home: path.join(dir, "home"), serviceAccountDir: path.join(dir, "no-serviceaccount") };
}

function write(file: string, content: string | object): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : stringify(content));
  return file;
}

interface Doc {
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  users?: { name: string; user: Record<string, unknown> }[];
  contexts?: { name: string; context: Record<string, unknown> }[];
  "current-context"?: string;
}

/** One cluster, one user, one context named `name`. */
function single(name: string, cluster: Record<string, unknown>, user: Record<string, unknown>): Doc {
  return {
    clusters: [{ name, cluster: { server: `https://${name}.example:6443`, ...cluster } }],
    users: [{ name, user }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
  };
}

function load(doc: Doc | string, context?: string): LoadedKubeconfig {
  const dir = tmpdir();
  return loadKubeconfig({ path: write(path.join(dir, "config"), doc), context }, bare(dir));
}

const authKind = (auth: KubeconfigAuth) => auth.kind;

test("credentials come inline (-data, base64) or from files relative to the kubeconfig's directory", () => {
  const dir = tmpdir();
  write(path.join(dir, "kube", "pki", "ca.crt"), "CA FROM FILE");
  write(path.join(dir, "kube", "pki", "client.crt"), "CERT FROM FILE");
  write(path.join(dir, "elsewhere", "client.key"), "KEY FROM FILE");
  const cases: {
    name: string;
    cluster: Record<string, unknown>;
    user: Record<string, unknown>;
    want: [string, string, string];
  }[] = [
    {
      name: "inline",
      cluster: { "certificate-authority-data": b64("CA") },
      user: { "client-certificate-data": b64("CERT"), "client-key-data": b64("KEY") },
      want: ["CA", "CERT", "KEY"],
    },
    {
      name: "files, relative and absolute",
      cluster: { "certificate-authority": "pki/ca.crt" },
      user: {
        "client-certificate": "./pki/client.crt",
        "client-key": path.join(dir, "elsewhere", "client.key"),
      },
      want: ["CA FROM FILE", "CERT FROM FILE", "KEY FROM FILE"],
    },
    {
      name: "both: inline wins, as in client-go",
      cluster: { "certificate-authority-data": b64("CA"), "certificate-authority": "pki/ca.crt" },
      user: {
        "client-certificate-data": b64("CERT"),
        "client-certificate": "pki/client.crt",
        "client-key-data": b64("KEY"),
        "client-key": "missing.key",
      },
      want: ["CA", "CERT", "KEY"],
    },
  ];
  for (const c of cases) {
    // The kubeconfig sits in dir/kube; the process's working directory is elsewhere.
    const file = write(path.join(dir, "kube", `${c.name}.yaml`), single("a", c.cluster, c.user));
    const { tls, auth } = loadKubeconfig({ path: file }, bare(dir));
    assert.deepEqual([tls.ca?.toString(), tls.cert?.toString(), tls.key?.toString()], c.want, c.name);
    assert.equal(auth.kind, "none", c.name);
  }
});

test("a missing credential file is named with the field and the resolved path", () => {
  assert.throws(
    () => load(single("a", { "certificate-authority": "nope/ca.crt" }, {})),
    (err: Error) =>
      err.name === "ConfigurationError" &&
      /^cluster 'a': cannot read certificate-authority \/.*\/nope\/ca\.crt: no such file$/.test(err.message),
  );
});

test("users authenticate by token, token file, basic auth or a plugin", () => {
  const dir = tmpdir();
  const tokenFile = write(path.join(dir, "token"), "file-token\n");
  const cases: { user: Record<string, unknown>; kind: KubeconfigAuth["kind"] }[] = [
    { user: {}, kind: "none" },
    { user: { token: "t" }, kind: "token" },
    { user: { tokenFile }, kind: "tokenFile" },
    { user: { "token-file": tokenFile }, kind: "tokenFile" },
    { user: { token: "t", tokenFile }, kind: "tokenFile" },
    { user: { username: "u", password: "p" }, kind: "basic" },
    { user: { exec: { command: "x", apiVersion: "client.authentication.k8s.io/v1" } }, kind: "plugin" },
    { user: { "auth-provider": { name: "oidc" } }, kind: "plugin" },
  ];
  for (const c of cases) {
    assert.equal(authKind(load(single("a", {}, c.user)).auth), c.kind, JSON.stringify(c.user));
  }
  const basic = load(single("a", {}, { username: "u", password: "p", as: "someone" }));
  assert.deepEqual(basic.auth, { kind: "basic", username: "u", password: "p" });
  assert.deepEqual(basic.headers, { "Impersonate-User": "someone" });
  const token = load(single("a", {}, { token: "t" })).auth;
  assert.deepEqual(token, { kind: "token", token: "t" });
  const file = load(single("a", {}, { tokenFile })).auth;
  assert.equal(file.kind === "tokenFile" && file.tokenFile.current(), "file-token");
});

test("insecure-skip-tls-verify and tls-server-name reach the TLS options; the server loses its trailing slash", () => {
  const cases: { cluster: Record<string, unknown>; rejectUnauthorized?: boolean; servername?: string }[] = [
    { cluster: {} },
    { cluster: { "insecure-skip-tls-verify": true }, rejectUnauthorized: false },
    { cluster: { "insecure-skip-tls-verify": false } },
    { cluster: { "tls-server-name": "kubernetes.default" }, servername: "kubernetes.default" },
  ];
  for (const c of cases) {
    const { tls } = load(single("a", c.cluster, {}));
    assert.equal(tls.rejectUnauthorized, c.rejectUnauthorized, JSON.stringify(c.cluster));
    assert.equal(tls.servername, c.servername, JSON.stringify(c.cluster));
  }
  assert.equal(load(single("a", { server: "https://h:6443/prefix/" }, {})).server, "https://h:6443/prefix");
});

test("proxy-url: http(s) proxies are kept; other schemes and non-URLs are refused, passwords hidden", () => {
  assert.equal(load(single("a", {}, {})).proxyUrl, undefined);
  assert.equal(
    load(single("a", { "proxy-url": "http://u:p@proxy:3128" }, {})).proxyUrl,
    "http://u:p@proxy:3128",
  );
  assert.equal(load(single("a", { "proxy-url": "https://proxy" }, {})).proxyUrl, "https://proxy");
  assert.throws(
    () => load(single("a", { "proxy-url": "socks5://user:pw1@proxy:1080" }, {})),
    (err: Error) =>
      /cluster 'a': proxy-url "socks5:\/\/\*\*\*@proxy:1080" uses socks5, which kubekeep does not support; expected an HTTP proxy/.test(
        err.message,
      ) && !err.message.includes("pw1"),
  );
  assert.throws(
    () => load(single("a", { "proxy-url": "user:pw2@nonsense" }, {})),
    (err: Error) =>
      /proxy-url .* is not a URL; expected e.g. http:\/\/proxy/.test(err.message) &&
      !err.message.includes("pw2"),
  );
});

test("the proxy is chosen as kubectl chooses it", () => {
  const https = new URL("https://api.example:6443");
  const cases: { server?: URL; proxyUrl?: string; env?: NodeJS.ProcessEnv; want?: Record<string, string> }[] =
    [
      { want: undefined },
      // The kubeconfig's proxy-url wins, and is used even for loopback servers.
      {
        proxyUrl: "http://p:1",
        env: { HTTPS_PROXY: "http://other:2" },
        want: { HTTPS_PROXY: "http://p:1", HTTP_PROXY: "http://p:1" },
      },
      {
        server: new URL("https://127.0.0.1:6443"),
        proxyUrl: "http://p:1",
        want: { HTTPS_PROXY: "http://p:1", HTTP_PROXY: "http://p:1" },
      },
      // The environment: upper case first (Go's order), NO_PROXY passed on, a bare host:port is http://.
      {
        env: { HTTPS_PROXY: "http://up:1", https_proxy: "http://low:2" },
        want: { HTTPS_PROXY: "http://up:1" },
      },
      {
        env: { https_proxy: "low:2", no_proxy: ".corp" },
        want: { HTTPS_PROXY: "http://low:2", NO_PROXY: ".corp" },
      },
      { env: { HTTP_PROXY: "http://p:1" }, want: undefined },
      {
        server: new URL("http://api.example:8080"),
        env: { HTTP_PROXY: "http://p:1" },
        want: { HTTP_PROXY: "http://p:1" },
      },
      // Loopback servers never go through the environment's proxy.
      ...["https://127.0.0.1:6443", "https://localhost:6443", "https://[::1]:6443", "https://127.8.9.1"].map(
        (u) => ({
          server: new URL(u),
          env: { HTTPS_PROXY: "http://p:1" },
          want: undefined,
        }),
      ),
    ];
  for (const c of cases) {
    const got = chooseProxy(c.server ?? https, c.proxyUrl, c.env ?? {});
    assert.deepEqual(got?.env, c.want, JSON.stringify(c));
  }
  assert.equal(
    chooseProxy(https, undefined, { HTTPS_PROXY: "http://ci:secret@p:1" })?.describe,
    "HTTPS_PROXY http://***@p:1",
  );
  for (const bad of ["http://ci:secret@a b:1", "socks5://ci:secret@p:1080", "http://"]) {
    assert.throws(
      () => chooseProxy(https, undefined, { HTTPS_PROXY: bad }),
      (err: Error) =>
        /^HTTPS_PROXY is ".*", which is not an HTTP proxy URL; expected e\.g\. http:\/\/proxy/.test(
          err.message,
        ) && !err.message.includes("secret"),
      bad,
    );
  }
});

test("a token file is read again once a minute old; a failed re-read keeps the last token", () => {
  const file = path.join(tmpdir(), "token");
  fs.writeFileSync(file, "one\n");
  const t0 = 1_000_000;
  const token = new TokenFile(file, undefined, t0);
  fs.writeFileSync(file, "two");
  assert.equal(token.current(t0 + 30_000), "one", "still fresh");
  assert.equal(token.current(t0 + TOKEN_FILE_MAX_AGE_MS), "two", "re-read");
  fs.rmSync(file);
  assert.equal(token.current(t0 + 3 * TOKEN_FILE_MAX_AGE_MS), "two", "kept");
  // With no file from the start, the user's static token stands in; without one, it is an error.
  assert.equal(new TokenFile(file, "static").current(), "static");
  assert.throws(() => new TokenFile(file), /^ConfigurationError: cannot read tokenFile .*: no such file$/);
  fs.writeFileSync(file, "  \n");
  assert.throws(() => new TokenFile(file), /: the file is empty$/);
});

test("$KUBECONFIG files are merged: the first definition of a name wins, and the first current-context", () => {
  const dir = tmpdir();
  const a = write(path.join(dir, "a", "config"), {
    clusters: [{ name: "shared", cluster: { server: "https://from-a:6443" } }],
    users: [{ name: "shared", user: { token: "from-a" } }],
    contexts: [{ name: "ctx-a", context: { cluster: "shared", user: "shared" } }],
  });
  const b = write(path.join(dir, "b", "config"), {
    clusters: [
      { name: "shared", cluster: { server: "https://from-b:6443" } },
      { name: "only-b", cluster: { server: "https://only-b:6443", "certificate-authority": "ca.crt" } },
    ],
    users: [{ name: "shared", user: { token: "from-b" } }],
    contexts: [
      { name: "ctx-a", context: { cluster: "only-b", user: "shared" } },
      { name: "ctx-b", context: { cluster: "only-b", user: "shared" } },
    ],
    "current-context": "ctx-b",
  });
  write(path.join(dir, "b", "ca.crt"), "CA OF B");
  const c = write(path.join(dir, "c", "config"), { "current-context": "ctx-a" });
  // Empty entries (leading, doubled, trailing delimiters) are skipped.
  const list = ["", a, "", b, c, ""].join(path.delimiter);
  const env = bare(dir, { KUBECONFIG: list });
  const current = loadKubeconfig({}, env);
  assert.equal(current.context, "ctx-b", "b is the first file to set current-context");
  assert.equal(current.server, "https://only-b:6443");
  assert.equal(current.tls.ca?.toString(), "CA OF B", "relative to b's directory");
  assert.deepEqual(current.auth, { kind: "token", token: "from-a" }, "user 'shared' from a");
  const chosen = loadKubeconfig({ context: "ctx-a" }, env);
  assert.equal(chosen.server, "https://from-a:6443", "context and cluster 'shared' from a");
});

test("without $KUBECONFIG, ~/.kube/config; failing that, the pod's service account", () => {
  const dir = tmpdir();
  const env = bare(dir);
  write(path.join(env.home, ".kube", "config"), single("home", {}, {}));
  assert.equal(loadKubeconfig({}, env).context, "home");

  const sa = path.join(dir, "serviceaccount");
  write(path.join(sa, "token"), "sa-token\n");
  write(path.join(sa, "ca.crt"), "SA CA");
  const cases: { host: string; port: string; server: string }[] = [
    { host: "10.96.0.1", port: "443", server: "https://10.96.0.1:443" },
    { host: "fd00::1", port: "443", server: "https://[fd00::1]:443" },
    { host: "proxy.local", port: "8001", server: "http://proxy.local:8001" },
  ];
  for (const c of cases) {
    const pod: Environment = {
      ...bare(path.join(dir, "pod")),
      env: { KUBERNETES_SERVICE_HOST: c.host, KUBERNETES_SERVICE_PORT: c.port },
      serviceAccountDir: sa,
    };
    const loaded = loadKubeconfig({}, pod);
    assert.equal(loaded.server, c.server);
    assert.equal(loaded.context, "inClusterContext");
    assert.equal(loaded.tls.ca?.toString(), "SA CA");
    assert.equal(loaded.auth.kind === "tokenFile" && loaded.auth.tokenFile.current(), "sa-token");
  }
  assert.throws(
    () => loadKubeconfig({}, bare(path.join(dir, "nothing"))),
    /^ConfigurationError: cannot read kubeconfig \(default: \$KUBECONFIG or ~\/\.kube\/config\): \$KUBECONFIG is not set, .* does not exist, and this is not a pod with a service account/,
  );
});

test("contexts: the chosen one, or current-context; every missing piece is named", () => {
  const two: Doc = {
    clusters: [
      { name: "c1", cluster: { server: "https://one:6443" } },
      { name: "c2", cluster: { server: "https://two:6443" } },
    ],
    users: [{ name: "u", user: { token: "t" } }],
    contexts: [
      { name: "a", context: { cluster: "c1", user: "u" } },
      { name: "b", context: { cluster: "c2", user: "u" } },
      { name: "no-user", context: { cluster: "c1", user: "ghost" } },
      { name: "no-cluster", context: { cluster: "nowhere", user: "u" } },
      { name: "anonymous", context: { cluster: "c2" } },
    ],
    "current-context": "a",
  };
  assert.equal(load(two).server, "https://one:6443");
  assert.equal(load(two, "b").server, "https://two:6443");
  assert.equal(load(two, "anonymous").auth.kind, "none");
  const cases: { doc: Doc | string; context?: string; error: string }[] = [
    {
      doc: two,
      context: "prod",
      error: "kubeconfig has no context 'prod'; it has: a, b, no-user, no-cluster, anonymous",
    },
    { doc: {}, context: "prod", error: "kubeconfig has no context 'prod'; it has: none" },
    {
      doc: { ...two, "current-context": undefined },
      error:
        "the kubeconfig sets no current-context; choose one of its contexts with the 'context' input: a, b, no-user, no-cluster, anonymous",
    },
    { doc: "", error: "the kubeconfig defines no contexts; it needs a context naming a cluster and a user" },
    {
      doc: { ...two, "current-context": "gone" },
      error:
        "the kubeconfig's current-context 'gone' is not one of its contexts (a, b, no-user, no-cluster, anonymous); fix current-context or choose a context with the 'context' input",
    },
    {
      doc: two,
      context: "no-user",
      error: "context 'no-user' uses user 'ghost', which the kubeconfig does not define; it has: u",
    },
    {
      doc: two,
      context: "no-cluster",
      error:
        "context 'no-cluster' uses cluster 'nowhere', which the kubeconfig does not define; it has: c1, c2",
    },
    {
      doc: single("a", { server: "" }, {}),
      error: "cluster 'a' has no server; expected its URL, e.g. https://host:6443",
    },
    {
      doc: single("a", { server: "10.0.0.1:6443" }, {}),
      error: `cluster 'a': server "10.0.0.1:6443" is not an https:// or http:// URL`,
    },
  ];
  for (const c of cases) {
    assert.throws(
      () => load(c.doc, c.context),
      (err: Error) => {
        assert.equal(err.name, "ConfigurationError");
        assert.equal(err.message, c.error);
        return true;
      },
    );
  }
});

test("unreadable or malformed kubeconfigs are reported with the path and the reason", () => {
  const dir = tmpdir();
  const missing = path.join(dir, "missing");
  assert.throws(
    () => loadKubeconfig({ path: missing }, bare(dir)),
    new RegExp(`^ConfigurationError: cannot read kubeconfig ${missing}: no such file$`),
  );
  assert.throws(
    () => loadKubeconfig({}, bare(dir, { KUBECONFIG: missing })),
    new RegExp(
      `^ConfigurationError: cannot read kubeconfig \\(default: \\$KUBECONFIG or ~/\\.kube/config\\): ${missing}: no such file$`,
    ),
  );
  const cases: { doc: string; error: RegExp }[] = [
    { doc: "clusters: [", error: /: not valid YAML at line \d+, column \d+ \(\w+\)$/ },
    { doc: "- just\n- a list\n", error: /: expected a mapping with clusters, users and contexts$/ },
    { doc: "clusters: {}\n", error: /: clusters: expected a list of \{name, cluster\} entries$/ },
    { doc: "users:\n- user: {}\n", error: /: users\[0\]: expected a name$/ },
  ];
  for (const c of cases) {
    assert.throws(
      () => load(c.doc),
      (err: Error) => /^cannot read kubeconfig \//.test(err.message) && c.error.test(err.message),
    );
  }
});

test("errors never contain a secret value", () => {
  const secret = "s3cr3t-VALUE-0123";
  const cases: { name: string; doc: string }[] = [
    { name: "YAML error on the token's line", doc: `users:\n- name: u\n  user:\n    token: ${secret}: x\n` },
    {
      name: "YAML error in a flow mapping",
      doc: `users: [{name: u, user: {token: ${secret}, password: "${secret}}]`,
    },
    { name: "token not a string", doc: stringify(single("a", {}, { token: { value: secret } })) },
    { name: "password not a string", doc: stringify(single("a", {}, { username: "u", password: [secret] })) },
    { name: "key not base64", doc: stringify(single("a", {}, { "client-key-data": `${secret}!` })) },
    {
      name: "CA not base64",
      doc: stringify(single("a", { "certificate-authority-data": `*${secret}` }, {})),
    },
    {
      name: "unknown context",
      doc: stringify({
        ...single("a", {}, { token: secret, password: secret }),
        "current-context": secret.slice(0, 3),
      }),
    },
  ];
  for (const c of cases) {
    assert.throws(
      () => load(c.doc),
      (err: Error) => {
        assert.equal(err.name, "ConfigurationError", c.name);
        assert.ok(!err.message.includes(secret), `${c.name}: ${err.message}`);
        return true;
      },
      c.name,
    );
  }
});

test("building a client from a certificate kubeconfig does not load @kubernetes/client-node", () => {
  const dir = tmpdir();
  const cert = single(
    "a",
    { server: "http://127.0.0.1:9", "insecure-skip-tls-verify": true },
    {
      "client-certificate-data": b64("CERT"),
      "client-key-data": b64("KEY"),
    },
  );
  const exec = single(
    "a",
    { server: "http://127.0.0.1:9", "insecure-skip-tls-verify": true },
    {
      exec: {
        apiVersion: "client.authentication.k8s.io/v1",
        command: "sh",
        args: [
          "-c",
          `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'`,
        ],
        interactiveMode: "Never",
      },
    },
  );
  const src = (f: string) => pathToFileURL(path.join(import.meta.dirname, "..", "..", "src", f)).href;
  // A resolve hook records every module of the package that gets resolved,
  // whichever way (static import, dynamic import, deep path).
  const script = `
    import { registerHooks } from "node:module";
    const seen = [];
    registerHooks({
      resolve(specifier, context, next) {
        const result = next(specifier, context);
        if (result.url.includes("/@kubernetes/client-node/")) seen.push(result.url);
        return result;
      },
    });
    const { KubeClient } = await import(${JSON.stringify(src("cluster/client.ts"))});
    await import(${JSON.stringify(src("etcd/port-forward.ts"))});
    const client = await KubeClient.fromFile(process.argv[1]);
    await client.serverVersion().catch(() => {});
    client.webSocketConfig();
    client.close();
    console.log(JSON.stringify(seen));
  `;
  const loaded = (doc: Doc): string[] => {
    const file = write(path.join(dir, "config"), doc);
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, file], {
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout) as string[];
  };
  const urls = loaded(cert);
  assert.equal(urls.length, 0, `loaded ${urls.length} modules, e.g. ${urls.slice(0, 3).join(", ")}`);
  // The control: an exec plugin does load it, so the hook sees what it should.
  assert.ok(loaded(exec).length > 0);
});
