// Package templates holds the customer-facing reply texts, one directory
// per language (nl, en), embedded in the binary. internal/reply parses and
// validates them and lets files in the configured templates_dir override
// them without a rebuild; see internal/reply for the names and the data
// each text receives.
package templates

import "embed"

// FS is the embedded set: nl/*.txt and en/*.txt. It is read-only.
//
//go:embed nl/*.txt en/*.txt
var FS embed.FS
