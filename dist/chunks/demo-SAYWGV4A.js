import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  EXIT_AFTER_ANNOTATION,
  addNodes,
  startSandbox
} from "./chunk-2VYRPZPK.js";
import "./chunk-W2QNSU56.js";
import "./chunk-7EMZUJSM.js";
import "./chunk-2BN52FYM.js";
import "./chunk-T2XPR4E7.js";
import "./chunk-TY2O5Y2Q.js";
import "./chunk-4WWOKRRI.js";
import "./chunk-I3UDJZD4.js";
import "./chunk-5JOQVKMF.js";
import "./chunk-MRPLPY7B.js";
import "./chunk-BZ36UX2K.js";
import "./chunk-6TZAHIVW.js";
import "./chunk-G7GAWX7Q.js";
import "./chunk-W53TETL6.js";
import "./chunk-4I5QHYEN.js";
import "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-6TJFEJRL.js";
import "./chunk-XIQOQISJ.js";
import {
  pollUntil
} from "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3NY4DX7F.js";
import {
  findCapability
} from "./chunk-H3XTG4KO.js";
import {
  toText
} from "./chunk-VVDQKYP6.js";
import {
  fromRecord
} from "./chunk-SYXBBJIO.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/cli/demo.ts
import fs from "node:fs";
import path from "node:path";

// src/cluster/resources.ts
function groupVersionPath(apiVersion) {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
var ResourceMapper = class {
  cache = /* @__PURE__ */ new Map();
  client;
  constructor(client) {
    this.client = client;
  }
  /** Forgets what discovery said (after CRDs are created). */
  reset() {
    this.cache.clear();
  }
  async resourceFor(apiVersion, kind) {
    let list = this.cache.get(apiVersion);
    if (!list) {
      list = this.client.get(groupVersionPath(apiVersion)).then((r) => r.resources.filter((x) => !x.name.includes("/")));
      this.cache.set(apiVersion, list);
      list.catch(() => this.cache.delete(apiVersion));
    }
    const found = (await list).find((r) => r.kind === kind);
    if (!found) throw new ConfigurationError(`the API server does not serve kind ${kind} in ${apiVersion}`);
    return found;
  }
  /** The collection path (no name) for a kind, in `namespace` when it is namespaced. */
  async collectionPath(apiVersion, kind, namespace) {
    const r = await this.resourceFor(apiVersion, kind);
    const ns = r.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "default")}` : "";
    return `${groupVersionPath(apiVersion)}${ns}/${r.name}`;
  }
  async objectPath(obj) {
    const base = await this.collectionPath(obj.apiVersion, obj.kind, obj.metadata.namespace);
    return `${base}/${encodeURIComponent(obj.metadata.name)}`;
  }
};
async function applyAll(client, objects, fieldManager = "kubekeep", mapper = new ResourceMapper(client)) {
  const out = [];
  for (const obj of objects) {
    if (obj.kind === "CustomResourceDefinition") mapper.reset();
    out.push(await client.apply(await mapper.objectPath(obj), obj, fieldManager));
  }
  return out;
}

// src/sandbox/seed.ts
var CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.kubekeep.dev" },
  spec: {
    group: "kubekeep.dev",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true }
            }
          }
        },
        subresources: { status: {} }
      }
    ]
  }
};
function podTemplate(app, opts, extra = {}) {
  return {
    metadata: {
      labels: { app, ...opts.labels },
      ...opts.exitAfter ? { annotations: { [EXIT_AFTER_ANNOTATION]: opts.exitAfter } } : {}
    },
    spec: {
      terminationGracePeriodSeconds: opts.gracePeriodSeconds ?? 1,
      containers: [
        {
          name: "app",
          image: "registry.example/app:1.0",
          resources: { requests: { cpu: "10m", memory: "16Mi" } }
        }
      ],
      ...extra
    }
  };
}
function seedManifests(opts) {
  const ns = opts.namespace;
  const objects = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }];
  for (let i = 0; i < (opts.deployments ?? 0); i++) {
    const app = `web-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: app, namespace: ns },
      spec: {
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts)
      }
    });
    objects.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: app, namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app } } }
    });
  }
  for (let i = 0; i < (opts.daemonSets ?? 0); i++) {
    const app = `agent-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: app, namespace: ns },
      spec: {
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts, { tolerations: [{ operator: "Exists" }] })
      }
    });
  }
  for (let i = 0; i < (opts.statefulSets ?? 0); i++) {
    const app = `db-${i}`;
    objects.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: app, namespace: ns },
      spec: { clusterIP: "None", selector: { app }, ports: [{ port: 5432 }] }
    });
    objects.push({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: app, namespace: ns },
      spec: {
        serviceName: app,
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts)
      }
    });
  }
  for (let i = 0; i < (opts.secrets ?? 0); i++) {
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: `creds-${i}`, namespace: ns },
      type: "Opaque",
      stringData: { username: `user-${i}`, password: `s3cr3t-value-${i}-${ns}` }
    });
  }
  if (opts.customResources) {
    objects.push(CRD);
    for (let i = 0; i < opts.customResources; i++) {
      objects.push({
        apiVersion: "kubekeep.dev/v1",
        kind: "Widget",
        metadata: { name: `widget-${i}`, namespace: ns },
        spec: { size: i, color: i % 2 ? "blue" : "green" }
      });
    }
  }
  return objects;
}
async function seed(client, opts) {
  const [namespace, ...rest] = seedManifests(opts);
  const applied = await applyAll(client, [namespace]);
  await waitForServiceAccount(client, opts.namespace);
  const crdIndex = rest.findIndex((o) => o.kind === "CustomResourceDefinition");
  if (crdIndex >= 0) {
    applied.push(...await applyAll(client, rest.slice(0, crdIndex + 1)));
    await waitForCrd(client, "widgets.kubekeep.dev");
    applied.push(...await applyAll(client, rest.slice(crdIndex + 1)));
  } else {
    applied.push(...await applyAll(client, rest));
  }
  return applied;
}
async function waitForServiceAccount(client, namespace, timeoutMs = 3e4) {
  let last = "";
  await pollUntil(
    () => client.get(`/api/v1/namespaces/${namespace}/serviceaccounts/default`).then(
      () => true,
      (err) => (last = errorMessage(err), false)
    ),
    {
      timeoutMs,
      intervalMs: 100,
      timedOut: () => `no default ServiceAccount in ${namespace} after ${timeoutMs / 1e3}s: ${last}`
    }
  );
}
async function waitForCrd(client, name) {
  await pollUntil(
    async () => {
      const crd = await client.get(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`
      );
      return crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    },
    { timeoutMs: 3e4, intervalMs: 100, timedOut: () => `CRD ${name} not Established after 30s` }
  );
}
async function waitForRunningPods(client, namespace, count, timeoutMs = 12e4) {
  let running = 0;
  await pollUntil(
    async () => {
      const pods = await client.get(`/api/v1/namespaces/${namespace}/pods`);
      running = pods.items.filter((p) => p.status?.phase === "Running").length;
      return running >= count;
    },
    {
      timeoutMs,
      intervalMs: 250,
      timedOut: () => `only ${running} of ${count} pods Running in ${namespace} after ${timeoutMs / 1e3}s`
    }
  );
}

// src/cli/demo.ts
var DEMO_TARGET = "v1.35.4";
var DEMO_STEPS = [
  { capability: "cluster-info", inputs: (c) => ({ "kubeconfig-path": c.kubeconfig }) },
  {
    capability: "export",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      path: path.join(c.out, "export"),
      "fingerprint-key": "demo-fingerprint-key-not-secret"
    })
  },
  {
    capability: "etcd-snapshot",
    inputs: (c) => ({
      "etcd-endpoint": c.etcd?.endpoint ?? "",
      "etcd-ca": c.etcd?.caFile ?? "",
      "etcd-cert": c.etcd?.certFile ?? "",
      "etcd-key": c.etcd?.keyFile ?? "",
      "s3-bucket": c.s3.bucket,
      "s3-endpoint": c.s3.endpoint,
      "cluster-name": "demo",
      "keep-last": "3"
    })
  },
  {
    capability: "upgrade-plan",
    inputs: (c) => ({
      "kubeconfig-path": c.kubeconfig,
      "target-version": DEMO_TARGET,
      "max-unavailable": "2"
    })
  }
];
async function rollingUpgrade(ctx, plan, kubectl, run) {
  if (!plan) return 0;
  const batches = (key) => JSON.parse(String(plan.outputs[key] ?? '{"include":[]}')).include;
  process.env.KUBEKEEP_DEMO_KUBECTL = kubectl;
  process.env.KUBEKEEP_DEMO_KUBECONFIG = ctx.kubeconfig;
  const command = [
    '"$KUBEKEEP_DEMO_KUBECTL" --kubeconfig "$KUBEKEEP_DEMO_KUBECONFIG" patch node "$KUBEKEEP_NODE"',
    "--subresource=status --type=merge",
    '-p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}"'
  ].join(" ");
  let upgraded = 0;
  for (const batch of [...batches("control-plane-matrix"), ...batches("worker-matrix")]) {
    await run("upgrade-node", {
      "kubeconfig-path": ctx.kubeconfig,
      node: batch.node,
      "target-version": DEMO_TARGET,
      "kubeadm-action": batch.kubeadm,
      executor: "command",
      "upgrade-command": command,
      timeout: "2m",
      "gate-timeout": "1m"
    });
    upgraded += batch.node.split(",").length;
  }
  return upgraded;
}
async function runDemo(flags, logger) {
  const started = Date.now();
  const root = path.resolve(flags.dir ?? path.join(".kubekeep", "demo"));
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  logger.info("starting the sandbox cluster (the first run builds its components from Go modules)");
  const sb = await startSandbox({ dir: path.join(root, "sandbox"), logger });
  try {
    const client = await sb.client();
    try {
      await addNodes(client, [
        ...[1, 2, 3].map((i) => ({
          name: `control-plane-${i}`,
          role: "control-plane",
          kubeletVersion: "v1.34.2"
        })),
        ...[1, 2, 3, 4, 5].map((i) => ({ name: `worker-${i}`, kubeletVersion: "v1.34.2" }))
      ]);
      await seed(client, {
        namespace: "shop",
        deployments: 3,
        replicas: 3,
        daemonSets: 1,
        statefulSets: 1,
        secrets: 2,
        customResources: 3
      });
      await waitForRunningPods(client, "shop", 3 * 3 + 8 + 3);
    } finally {
      client.close();
    }
    const s3 = sb.info.s3;
    const ctx = {
      kubeconfig: sb.kubeconfig,
      out: root,
      s3: { endpoint: s3?.endpoint ?? "", bucket: s3?.bucket ?? "", region: s3?.region ?? "" },
      etcd: sb.info.etcd
    };
    if (s3) {
      process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
      process.env.AWS_REGION = s3.region;
    }
    const results = /* @__PURE__ */ new Map();
    const run = async (name, inputs) => {
      const cap = await findCapability(name);
      if (!cap) throw new Error(`demo: no capability ${name}`);
      const result = await logger.group(
        `kubekeep ${name}`,
        () => cap.run(cap.parse(fromRecord(inputs)), { logger })
      );
      process.stdout.write(toText(result.report) + "\n\n");
      return result;
    };
    for (const step of DEMO_STEPS) results.set(step.capability, await run(step.capability, step.inputs(ctx)));
    const upgraded = await rollingUpgrade(ctx, results.get("upgrade-plan"), sb.info.kubectl, run);
    const out = (cap, key) => String(results.get(cap)?.outputs[key] ?? "");
    process.stdout.write(
      [
        `demo finished in ${formatDuration(Date.now() - started)}:`,
        `  export:        ${out("export", "path")} (${out("export", "objects")} objects)`,
        `  etcd snapshot: ${out("etcd-snapshot", "uri")} (revision ${out("etcd-snapshot", "revision")}; the sandbox S3 keeps it under ${path.join(root, "sandbox", "s3", "data")})`,
        `  upgrade:       ${upgraded} nodes upgraded to ${DEMO_TARGET}, control plane first`,
        `  server logs:   ${path.join(root, "sandbox", "logs")}`
      ].join("\n") + "\n"
    );
    return 0;
  } finally {
    await sb.stop();
  }
}
export {
  DEMO_STEPS,
  runDemo
};
