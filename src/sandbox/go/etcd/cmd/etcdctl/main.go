// Command etcdctl is upstream etcdctl, for the benchmark's peer
// (`etcdctl snapshot save`); its own main package cannot be imported, ctlv3 can.
package main

import "go.etcd.io/etcd/etcdctl/v3/ctlv3"

func main() {
	ctlv3.MustStart()
}
