/**
 * The default upgrade script: kubeadm's documented procedure for nodes that
 * use the Debian/Ubuntu packages from pkgs.k8s.io
 * (https://kubernetes.io/docs/tasks/administer-cluster/kubeadm/kubeadm-upgrade/).
 * It points the Kubernetes package repository at the target minor first (each
 * minor has its own repository; `package-repository` names a mirror), upgrades
 * kubeadm, runs `kubeadm upgrade apply` on the first control-plane node and
 * `kubeadm upgrade node` elsewhere, then upgrades and restarts the kubelet.
 *
 * Choices an operator relies on:
 * - Only the Kubernetes source list is refreshed (`apt-get update` restricted
 *   to it), so an upgrade neither depends on nor touches other mirrors.
 * - The options of the existing repository line (`[signed-by=...]`, or
 *   `[trusted=yes]` an operator chose for an unsigned mirror) are kept when its
 *   address changes: kubekeep never weakens the trust decision itself. A node
 *   without a list gets pkgs.k8s.io's keyring.
 * - Every step announces itself, and a failure names the step that failed as
 *   the script's last line (what the executor's error quotes).
 * - A re-run resumes: packages already at the target revision are not
 *   installed again, and `kubeadm upgrade apply|node` is idempotent at the target.
 * - kubectl is upgraded only when it came from the Kubernetes repository (a
 *   version such as 1.34.4-1.1); a kubectl from elsewhere (a cloud SDK) is left alone.
 *
 * The body is one function called with stdin from /dev/null: the ssh executor
 * feeds the script on `bash -s`'s standard input, which a command reading its
 * stdin (a dpkg prompt) would otherwise consume.
 */
export const DEFAULT_UPGRADE_SCRIPT = `#!/bin/bash
set -eEuo pipefail
set -f
main() {
: "\${KUBEKEEP_TARGET_VERSION:?}" "\${KUBEKEEP_TARGET_MINOR:?}" "\${KUBEKEEP_KUBEADM_ACTION:?}"
export DEBIAN_FRONTEND=noninteractive
version="\${KUBEKEEP_TARGET_VERSION#v}"
template="\${KUBEKEEP_PACKAGE_REPOSITORY:-}"
[ -n "$template" ] || template='https://pkgs.k8s.io/core:/stable:/v{minor}/deb/'
repo="\${template//\\{minor\\}/$KUBEKEEP_TARGET_MINOR}"
read -r -a kubeadm_flags <<< "\${KUBEKEEP_KUBEADM_FLAGS:-}" || true
step="starting"
trap 'rc=$?; echo "kubekeep: step FAILED: $step (exit code $rc); fix the cause and re-run: finished steps are skipped" >&2' ERR
begin() { step="$1"; echo "kubekeep: step: $1"; }
installed() { dpkg-query -W -f='\${Status} \${Version}' "$1" 2>/dev/null | awk '$3 == "installed" { print $4 }' || true; }
# Waits for another apt (unattended-upgrades) instead of failing at once.
apt_opts=(-o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
echo "kubekeep: upgrading \${KUBEKEEP_NODE:-this node} to v\${version} (kubeadm upgrade \${KUBEKEEP_KUBEADM_ACTION}) from $repo"

begin "repository: point the Kubernetes package list at v\${KUBEKEEP_TARGET_MINOR}"
sources="\${KUBEKEEP_APT_SOURCES_DIR:-/etc/apt/sources.list.d}"
list="$sources/kubernetes.list"
if [ -f "$sources/kubernetes.sources" ] && [ ! -f "$list" ]; then
  list="$sources/kubernetes.sources"
  sed -i -E "s#^URIs:.*#URIs: $repo#" "$list"
else
  opts="[signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg]"
  if [ -f "$list" ]; then
    opts="$(sed -n -E 's#^deb[[:space:]]+(\\[[^]]*\\]).*#\\1#p' "$list" | head -n1)"
  fi
  echo "deb \${opts:+$opts }$repo /" > "$list.kubekeep"
  mv "$list.kubekeep" "$list"
fi
cat "$list"

begin "repository: apt-get update of the Kubernetes list only"
apt-get update -q -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0

begin "packages: find the kubeadm revision of v\${version}"
pkg="$(apt-cache madison kubeadm | awk -v v="$version" '$3 ~ "^"v"-" { print $3; exit }')"
if [ -z "$pkg" ]; then
  echo "kubekeep: no kubeadm package for v$version in $repo (apt-cache madison kubeadm)" >&2
  false
fi

begin "packages: install kubeadm=$pkg"
if [ "$(installed kubeadm)" = "$pkg" ]; then
  echo "kubekeep: kubeadm $pkg already installed"
else
  apt-mark unhold kubeadm
  apt-get install -y -q "\${apt_opts[@]}" "kubeadm=$pkg"
fi
apt-mark hold kubeadm

if [ "$KUBEKEEP_KUBEADM_ACTION" = apply ]; then
  # plan only reads; of the flags it takes the preflight ones (and --config).
  plan_flags=()
  for f in "\${kubeadm_flags[@]}"; do
    case "$f" in --ignore-preflight-errors*|--config*) plan_flags+=("$f") ;; esac
  done
  begin "kubeadm upgrade plan v$version"
  kubeadm upgrade plan "v$version" "\${plan_flags[@]}"
  begin "kubeadm upgrade apply v$version"
  kubeadm upgrade apply -y "v$version" "\${kubeadm_flags[@]}"
else
  begin "kubeadm upgrade node"
  kubeadm upgrade node "\${kubeadm_flags[@]}"
fi

begin "packages: install kubelet=$pkg"
upgrade=(kubelet)
current="$(installed kubectl)"
if [ -z "$current" ]; then
  echo "kubekeep: kubectl is not installed here; not adding it"
elif [[ "$current" =~ ^[0-9]+\\.[0-9]+\\.[0-9]+- ]]; then
  upgrade+=(kubectl)
else
  echo "kubekeep: kubectl $current did not come from the Kubernetes repository; left alone"
fi
install=()
for p in "\${upgrade[@]}"; do
  if [ "$(installed "$p")" = "$pkg" ]; then echo "kubekeep: $p $pkg already installed"; else install+=("$p=$pkg"); fi
done
if [ "\${#install[@]}" -gt 0 ]; then
  apt-mark unhold "\${upgrade[@]}"
  apt-get install -y -q "\${apt_opts[@]}" "\${install[@]}"
fi
apt-mark hold "\${upgrade[@]}"

begin "kubelet: systemctl daemon-reload and restart kubelet"
systemctl daemon-reload
systemctl restart kubelet
echo "kubekeep: done"
}
main "$@" </dev/null
`;

/** pkgs.k8s.io's repository of a minor: `{minor}` becomes e.g. 1.35. */
export const DEFAULT_PACKAGE_REPOSITORY = "https://pkgs.k8s.io/core:/stable:/v{minor}/deb/";
