//go:build tools

// Package tools pins the node commands (kubelet, kubeadm) of the current
// release. They live apart from the sandbox's control-plane wrapper so the
// sandbox's cached build stays valid and a machine that never runs a real
// node never compiles them.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kubeadm"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
