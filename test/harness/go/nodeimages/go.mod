// Wrapper module: the real node's container images, made without a registry.
// kubekeep-nodeimage writes single-layer image tarballs (go-containerregistry)
// from files on this machine; kubekeep-pause and kubekeep-workload are the
// small static programs two of those images run.
module kubekeep.dev/sandbox/nodeimages

go 1.25.0

require github.com/google/go-containerregistry v0.22.1

require (
	github.com/klauspost/compress v1.19.2 // indirect
	github.com/opencontainers/go-digest v1.0.0 // indirect
	github.com/opencontainers/image-spec v1.1.1 // indirect
)
