//go:build tools

// Package tools pins every command of the previous minor's release that a
// real kubeadm node needs: the control plane (made into local images), the
// kubelet, kubeadm and kubectl. It is its own module version, so the upgrade
// crosses a real minor boundary rather than one tree stamped twice.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubeadm"
	_ "k8s.io/kubernetes/cmd/kubectl"
	_ "k8s.io/kubernetes/cmd/kubelet"
)
