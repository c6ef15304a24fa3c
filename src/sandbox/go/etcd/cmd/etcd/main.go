// Command etcd is the upstream etcd server, unchanged: etcdmain.Main is exactly
// what etcd's own main.go calls.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
