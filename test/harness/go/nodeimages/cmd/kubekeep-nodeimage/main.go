// Command kubekeep-nodeimage writes container images for the real node from
// files on this machine, with no registry and no Docker: each image is one
// layer holding the given files, with linux/amd64 (the host's platform) set
// in its config, because containerd drops an image whose platform is empty on
// import while still moving its tag, which later breaks pod sandboxes.
//
//	kubekeep-nodeimage -spec images.json -out images.tar
//
// The spec is JSON: {"images": [{"ref": "registry.kubekeep.local/pause:3.10.1",
// "files": [{"src": "/path/on/host", "dst": "/usr/local/bin/pause"}],
// "dirs": ["/tmp"], "entrypoint": ["/usr/local/bin/pause"], "env": ["PATH=..."]}]}.
// Every image goes into one tarball in `docker save` form, which
// `ctr -n k8s.io images import` reads in a single call. The output is
// written next to -out and renamed into place, so a cancelled run never
// leaves a file that looks complete.
package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

type fileSpec struct {
	Src string `json:"src"`
	Dst string `json:"dst"`
	// Mode defaults to the source file's permission bits.
	Mode *int64 `json:"mode,omitempty"`
}

type imageSpec struct {
	Ref        string     `json:"ref"`
	Files      []fileSpec `json:"files"`
	Dirs       []string   `json:"dirs"`
	Entrypoint []string   `json:"entrypoint"`
	Cmd        []string   `json:"cmd"`
	Env        []string   `json:"env"`
}

type spec struct {
	Images []imageSpec `json:"images"`
}

// A fixed timestamp keeps the layers, and so the image IDs, reproducible.
var epoch = time.Unix(0, 0).UTC()

func main() {
	specFile := flag.String("spec", "", "JSON file describing the images")
	out := flag.String("out", "", "tarball to write")
	flag.Parse()
	if *specFile == "" || *out == "" {
		log.Fatal("usage: kubekeep-nodeimage -spec images.json -out images.tar")
	}
	raw, err := os.ReadFile(*specFile)
	if err != nil {
		log.Fatal(err)
	}
	var s spec
	if err := json.Unmarshal(raw, &s); err != nil {
		log.Fatalf("%s: %v", *specFile, err)
	}
	tmpDir, err := os.MkdirTemp(filepath.Dir(*out), ".layers-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmpDir)

	refs := map[name.Reference]v1.Image{}
	for i, im := range s.Images {
		ref, err := name.NewTag(im.Ref, name.WeakValidation)
		if err != nil {
			log.Fatalf("image %d: ref %q: %v", i, im.Ref, err)
		}
		layerFile := filepath.Join(tmpDir, fmt.Sprintf("layer-%d.tar", i))
		if err := writeLayer(layerFile, im); err != nil {
			log.Fatalf("%s: %v", im.Ref, err)
		}
		layer, err := tarball.LayerFromFile(layerFile, tarball.WithCompressionLevel(gzip.BestSpeed))
		if err != nil {
			log.Fatalf("%s: %v", im.Ref, err)
		}
		img, err := mutate.AppendLayers(empty.Image, layer)
		if err != nil {
			log.Fatalf("%s: %v", im.Ref, err)
		}
		cfg, err := img.ConfigFile()
		if err != nil {
			log.Fatal(err)
		}
		cfg = cfg.DeepCopy()
		cfg.OS = "linux"
		cfg.Architecture = runtime.GOARCH
		cfg.Created = v1.Time{Time: epoch}
		cfg.Config.Entrypoint = im.Entrypoint
		cfg.Config.Cmd = im.Cmd
		cfg.Config.Env = im.Env
		img, err = mutate.ConfigFile(img, cfg)
		if err != nil {
			log.Fatal(err)
		}
		refs[ref] = img
		log.Printf("image %s: %d files", im.Ref, len(im.Files))
	}
	partial := *out + ".partial"
	if err := tarball.MultiRefWriteToFile(partial, refs); err != nil {
		log.Fatalf("writing %s: %v", partial, err)
	}
	if err := os.Rename(partial, *out); err != nil {
		log.Fatal(err)
	}
}

// writeLayer writes one uncompressed layer: the parent directories of every
// file, the extra directories (/tmp gets the sticky bit), then the files.
func writeLayer(file string, im imageSpec) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	dirs := map[string]int64{}
	addParents := func(p string) {
		for d := path.Dir(p); d != "/" && d != "."; d = path.Dir(d) {
			if _, ok := dirs[d]; !ok {
				dirs[d] = 0o755
			}
		}
	}
	for _, d := range im.Dirs {
		addParents(d + "/x")
		dirs[path.Clean(d)] = 0o755
		if path.Clean(d) == "/tmp" {
			dirs["/tmp"] = 0o1777
		}
	}
	for _, fs := range im.Files {
		if !strings.HasPrefix(fs.Dst, "/") {
			return fmt.Errorf("file destination %q must be absolute", fs.Dst)
		}
		addParents(fs.Dst)
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names) // parents before children
	for _, d := range names {
		hdr := &tar.Header{Typeflag: tar.TypeDir, Name: strings.TrimPrefix(d, "/") + "/", Mode: dirs[d], ModTime: epoch}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
	}
	for _, fs := range im.Files {
		if err := addFile(tw, fs); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func addFile(tw *tar.Writer, fs fileSpec) error {
	src, err := os.Open(fs.Src) // follows symlinks: the image gets the file itself
	if err != nil {
		return err
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return err
	}
	mode := int64(info.Mode().Perm())
	if fs.Mode != nil {
		mode = *fs.Mode
	}
	hdr := &tar.Header{
		Typeflag: tar.TypeReg,
		Name:     strings.TrimPrefix(fs.Dst, "/"),
		Mode:     mode,
		Size:     info.Size(),
		ModTime:  epoch,
	}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, src)
	return err
}
