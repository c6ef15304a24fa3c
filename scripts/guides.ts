/**
 * The guide (a page of docs/) each capability's reference page links to.
 * test/unit/docs-links.test.ts checks that every link in the docs resolves.
 */
export const GUIDES: Readonly<Record<string, string>> = {
  "cluster-info": "usage.md",
  export: "exports.md",
  apply: "restore-namespace.md",
  "etcd-snapshot": "backups.md",
  "etcd-verify": "backups.md",
  "etcd-list": "backups.md",
  "etcd-prune": "backups.md",
  "etcd-restore": "backups.md",
  "etcd-drill": "backups.md",
  "fleet-plan": "fleet.md",
  "fleet-report": "fleet.md",
  "upgrade-plan": "upgrades.md",
  drain: "upgrades.md",
  "upgrade-node": "upgrades.md",
  uncordon: "upgrades.md",
};
