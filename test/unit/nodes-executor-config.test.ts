// The executors' trust settings as parsed from the inputs: the pod image is
// pinned by digest unless the user gives another; ssh needs the nodes' host
// keys unless accept-new is said out loud; ssh's host-key refusals are told
// apart (a key that differs, a host not listed).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import { DEFAULT_POD_IMAGE, parseExecutor } from "../../src/nodes/config.ts";
import { hostKeyRefusal } from "../../src/nodes/executors/ssh.ts";

test("the pod executor's default image is pinned by digest; pod-image overrides it", () => {
  assert.match(DEFAULT_POD_IMAGE, /^[a-z0-9./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
  const byDefault = parseExecutor(fromRecord({ executor: "pod" }));
  assert.equal(byDefault.kind === "pod" && byDefault.image, DEFAULT_POD_IMAGE);
  const own = parseExecutor(fromRecord({ executor: "pod", "pod-image": "mirror.example/tools:1" }));
  assert.equal(own.kind === "pod" && own.image, "mirror.example/tools:1");
});

test("ssh without ssh-known-hosts is refused at parse time, saying how to get them", () => {
  const ssh = { executor: "ssh", "ssh-key": "KEY" };
  for (const knownHosts of [undefined, "", "  \n"]) {
    assert.throws(
      () =>
        parseExecutor(
          fromRecord({ ...ssh, ...(knownHosts === undefined ? {} : { "ssh-known-hosts": knownHosts }) }),
        ),
      (e: Error) =>
        e instanceof ConfigurationError &&
        /^input 'ssh-known-hosts' is required with executor: ssh/.test(e.message) &&
        e.message.includes("ssh-keyscan -p <port> <host>") &&
        e.message.includes("set ssh-host-key-policy: accept-new"),
    );
  }
  const strict = parseExecutor(fromRecord({ ...ssh, "ssh-known-hosts": "node-1 ssh-ed25519 AAAA" }));
  assert.equal(strict.kind === "ssh" && strict.hostKeyPolicy, "strict");
  const loose = parseExecutor(fromRecord({ ...ssh, "ssh-host-key-policy": "accept-new" }));
  assert.equal(loose.kind === "ssh" && loose.hostKeyPolicy, "accept-new");
  assert.throws(
    () => parseExecutor(fromRecord({ ...ssh, "ssh-host-key-policy": "no" })),
    /input 'ssh-host-key-policy'/,
  );
});

test("ssh's host-key refusals are told apart; other failures are not taken for one", () => {
  // OpenSSH's own words (OpenSSH 9.x).
  const changed = `@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!
Someone could be eavesdropping on you right now (man-in-the-middle attack)!
It is also possible that a host key has just been changed.
The fingerprint for the ED25519 key sent by the remote host is
SHA256:7Nv0TqLTcGnDFe0l8bI1a2c3d4e5f6g7h8i9j0kAbCd.
Please contact your system administrator.
Host key verification failed.`;
  assert.match(
    hostKeyRefusal(changed, "root@n1:22 (n1)") ?? "",
    /^ssh to root@n1:22 \(n1\) refused: the node's host key does not match ssh-known-hosts \(it offered the ED25519 key SHA256:7Nv0TqLTcGnDFe0l8bI1a2c3d4e5f6g7h8i9j0kAbCd\)\. Either something else answers/,
  );
  const unknown = `No ED25519 host key is known for [10.0.0.5]:2222 and you have requested strict checking.
Host key verification failed.`;
  assert.match(
    hostKeyRefusal(unknown, "root@10.0.0.5:2222 (n2)") ?? "",
    /refused: ssh-known-hosts holds no ED25519 key for \[10\.0\.0\.5\]:2222 \(the name and port ssh looked up\)/,
  );
  assert.equal(hostKeyRefusal("root@n1: Permission denied (publickey).", "x"), undefined);
  assert.equal(hostKeyRefusal("ssh: connect to host n1 port 22: Connection refused", "x"), undefined);
});
