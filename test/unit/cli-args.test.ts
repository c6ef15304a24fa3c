// The CLI's flag parsing against a command's input schema: what is accepted,
// what is refused and how the refusal reads (clear error).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseFlags, secretEnvName, secretsFromEnv, type FlagSpec } from "../../src/cli/args.ts";
import { input } from "../../src/config/schema.ts";
import { didYouMean, levenshtein } from "../../src/core/suggest.ts";

const spec: FlagSpec = {
  command: "kubekeep drain",
  positional: "node",
  inputs: {
    "kubeconfig-path": input.string({ description: "Path to a kubeconfig file." }),
    node: input.list({ description: "Node name(s) to act on.", required: true }),
    force: input.boolean({ description: "Evict unmanaged pods.", default: false }),
    "grace-period": input.integer({ description: "Seconds.", default: -1, min: -1 }),
    timeout: input.duration({ description: "How long.", default: "10m" }),
    token: input.string({ description: "A token.", secret: true }),
    rules: input.string({ description: "One rule a line.", repeatable: true }),
  },
};
const noPositional: FlagSpec = { ...spec, command: "kubekeep export" };
delete (noPositional as { positional?: string }).positional;

test("flags and arguments map onto input names", () => {
  const cases: [string[], Record<string, string>, { verbose?: boolean; help?: boolean }?][] = [
    [["--node", "a"], { node: "a" }],
    [["--node=a"], { node: "a" }],
    [["node-1"], { node: "node-1" }],
    [["node-1", "node-2", "--force"], { node: "node-1\nnode-2", force: "true" }],
    [["--node", "a", "--node", "b", "c"], { node: "a\nb\nc" }],
    [["--force", "node-1"], { force: "true", node: "node-1" }],
    [["--force=false", "n"], { force: "false", node: "n" }],
    [["--grace-period", "-1", "n"], { "grace-period": "-1", node: "n" }],
    [["--timeout=5m", "--kubeconfig-path", "/k"], { timeout: "5m", "kubeconfig-path": "/k" }],
    [["--", "--odd-node"], { node: "--odd-node" }],
    // A repeatable string (redact-paths' rules) joins its occurrences like a list.
    [["--rules", "a:x[0]", "--rules=b:y"], { rules: "a:x[0]\nb:y" }],
    [["n", "--verbose"], { node: "n" }, { verbose: true }],
    [["-h"], {}, { help: true }],
    [["--help"], {}, { help: true }],
  ];
  for (const [argv, flags, extra] of cases) {
    const got = parseFlags(argv, spec);
    assert.deepEqual(got.flags, flags, argv.join(" "));
    assert.equal(got.verbose, extra?.verbose ?? false, argv.join(" "));
    assert.equal(got.help, extra?.help ?? false, argv.join(" "));
  }
});

test("unknown flags, missing values, repeats and stray arguments are refused by name", () => {
  const cases: [FlagSpec, string[], RegExp][] = [
    [
      spec,
      ["--nod", "x"],
      /unknown flag --nod; did you mean --node\? \(`kubekeep drain --help` lists its flags\)/,
    ],
    [spec, ["--kubeconfig_path", "x"], /did you mean --kubeconfig-path\?/],
    [spec, ["--forse"], /did you mean --force\?/],
    [spec, ["--verbos"], /did you mean --verbose\?/],
    [spec, ["--completely-else"], /: unknown flag --completely-else \(`kubekeep drain --help`/],
    [spec, ["-f"], /unknown flag -f: flags are written --name or --name=value/],
    // The case: the node must not become "true".
    [
      spec,
      ["--node", "--kubeconfig-path", "x"],
      /flag --node needs a value \(list: node name\(s\) to act on\); got the flag --kubeconfig-path instead/,
    ],
    [spec, ["n", "--timeout"], /flag --timeout needs a value \(duration: how long\)$/],
    [spec, ["n", "--timeout="], /flag --timeout needs a value \(duration\)/],
    // A secret's description is not echoed, and neither is any value.
    [spec, ["n", "--token"], /flag --token needs a value \(string \(secret\)\)$/],
    [spec, ["--force", "false", "n"], /a boolean flag takes its value after '=': --force=false/],
    [spec, ["n", "--timeout", "1m", "--timeout", "2m"], /flag --timeout is given more than once/],
    [noPositional, ["stray"], /unexpected argument "stray": it takes flags only/],
    [spec, ["--verbose=maybe"], /flag --verbose: got "maybe", expected true or false/],
  ];
  for (const [s, argv, want] of cases) assert.throws(() => parseFlags(argv, s), want, argv.join(" "));
});

test("did-you-mean picks the nearest name within two edits", () => {
  assert.equal(levenshtein("kitten", "sitting"), 3);
  assert.equal(levenshtein("", "ab"), 2);
  const names = ["node", "force", "timeout", "kubeconfig-path", "lock-ttl", "lock-wait"];
  const cases: [string, string | undefined][] = [
    ["nodes", "node"],
    ["Force", "force"],
    ["timout", "timeout"],
    ["kubeconfig-pth", "kubeconfig-path"],
    ["lock-tt", "lock-ttl"],
    ["lockwait", "lock-wait"],
    ["grace", undefined],
    ["xyzzy", undefined],
  ];
  for (const [word, want] of cases) assert.equal(didYouMean(word, names), want, word);
});

test("secret inputs not given as flags come from KUBEKEEP_<INPUT>; flags win; other inputs never", () => {
  assert.equal(secretEnvName("ssh-key"), "KUBEKEEP_SSH_KEY");
  const env = { KUBEKEEP_TOKEN: "from-env", KUBEKEEP_KUBECONFIG_PATH: "/not/secret" };
  assert.deepEqual(secretsFromEnv(spec.inputs, {}, env), { token: "from-env" });
  assert.deepEqual(secretsFromEnv(spec.inputs, { token: "flag" }, env), {});
  assert.deepEqual(secretsFromEnv(spec.inputs, {}, { KUBEKEEP_TOKEN: "" }), {});
});
