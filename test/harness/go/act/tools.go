//go:build tools

// Package tools pins the act command so `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/nektos/act"
