// Command reference-corpus records how Argo CD Image Updater reads each image identifier of identifiers.jsonl
// (NewFromIdentifier: distribution's ParseNormalizedNamed with the v3 grammar, the updater's clean-up of its result,
// and the updater's lenient split where the grammar refuses), one JSON line per identifier, in the layout of
// tests/ImageUpdater.Core.Tests/Model/golden/image-reference-corpus.golden.jsonl. See README.md.
package main

import (
	"bufio"
	// Linked in as in the updater's binary: go-digest accepts only algorithms whose hash is linked in.
	_ "crypto/sha256"
	_ "crypto/sha512"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/docker/distribution/reference"
)

// image is what the updater keeps of an identifier; an empty tag or digest is written as null.
type image struct {
	strict   bool
	alias    string
	registry string
	name     string
	tag      string
	digest   string
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	for line := 1; in.Scan(); line++ {
		if strings.TrimSpace(in.Text()) == "" {
			continue
		}
		var identifier string
		if err := json.Unmarshal(in.Bytes(), &identifier); err != nil {
			out.Flush()
			fmt.Fprintf(os.Stderr, "stdin line %d: %v\n", line, err)
			os.Exit(1)
		}
		img := fromIdentifier(identifier)
		out.WriteString("{" + strings.Join([]string{
			quote("identifier") + ": " + quote(identifier),
			quote("strict") + ": " + strconv.FormatBool(img.strict),
			quote("alias") + ": " + quote(img.alias),
			quote("registry") + ": " + quote(img.registry),
			quote("name") + ": " + quote(img.name),
			quote("tag") + ": " + nullable(img.tag),
			quote("digest") + ": " + nullable(img.digest),
		}, ", ") + "}\n")
	}
	if err := in.Err(); err != nil {
		out.Flush()
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// fromIdentifier follows the updater's NewFromIdentifier: "alias=" is split off at the first "=", then the
// distribution grammar is tried, and the lenient split is the fallback.
func fromIdentifier(identifier string) image {
	ref, alias := identifier, ""
	if i := strings.Index(identifier, "="); i >= 0 {
		alias, ref = identifier[:i], identifier[i+1:]
	}
	parsed, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return lenient(identifier)
	}
	img := image{strict: true, alias: alias, registry: reference.Domain(parsed), name: reference.Path(parsed)}
	// The implied Docker Hub registry and the implied "library/" are dropped unless written.
	if img.registry == "docker.io" && !strings.HasPrefix(ref, "docker.io") {
		img.registry = ""
	}
	if !strings.HasPrefix(ref, "library/") {
		img.name = strings.TrimPrefix(img.name, "library/")
	}
	if tagged, ok := parsed.(reference.Tagged); ok {
		img.tag = tagged.Tag()
	}
	if digested, ok := parsed.(reference.Digested); ok {
		img.digest = string(digested.Digest())
	}
	return img
}

// lenient is the updater's split for identifiers the grammar refuses. It reads the registry from the second
// "="-separated field but the rest from everything after the first "=", as the updater does.
func lenient(identifier string) image {
	var img image
	fields := strings.Split(identifier, "=")
	registrySource := identifier
	if len(fields) > 1 {
		registrySource = fields[1]
	}
	if segments := strings.Split(registrySource, "/"); len(segments) > 1 && strings.Contains(segments[0], ".") {
		img.registry = segments[0]
	}

	rest := identifier
	if i := strings.Index(identifier, "="); i >= 0 {
		img.alias, rest = identifier[:i], identifier[i+1:]
	}
	if segments := strings.Split(rest, "/"); len(segments) > 1 && strings.Contains(segments[0], ".") {
		rest = strings.Join(segments[1:], "/")
	}

	if at := strings.Index(rest, "@"); at >= 0 {
		before := rest[:at]
		img.digest = rest[at+1:]
		colon, slash := strings.LastIndex(before, ":"), strings.LastIndex(before, "/")
		if colon > slash {
			img.name, img.tag = before[:colon], before[colon+1:]
		} else {
			img.name = before
		}
		return img
	}
	if colon := strings.Index(rest, ":"); colon >= 0 {
		img.name, img.tag = rest[:colon], rest[colon+1:]
	} else {
		img.name = rest
	}
	return img
}

func nullable(s string) string {
	if s == "" {
		return "null"
	}
	return quote(s)
}

// quote writes a string as Python's json.dumps(ensure_ascii=False) does, the layout of the committed golden file.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
