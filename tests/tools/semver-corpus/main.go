// Command semver-corpus records what Masterminds/semver (v3.4 rules) and Argo CD Image Updater's semver tag
// selection answer for each case of inputs.jsonl, one JSON line per case, in the layout of
// tests/ImageUpdater.Strategies.Tests/Semver/golden/semver-corpus.golden.jsonl. See README.md.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/Masterminds/semver"
)

// testCase is one input line; which fields are set depends on Kind.
type testCase struct {
	Kind       string   `json:"kind"`
	Text       string   `json:"text"`
	A          string   `json:"a"`
	B          string   `json:"b"`
	Constraint string   `json:"constraint"`
	Version    string   `json:"version"`
	Tags       []string `json:"tags"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	for line := 1; in.Scan(); line++ {
		if strings.TrimSpace(in.Text()) == "" {
			continue
		}
		var c testCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintf(os.Stderr, "stdin line %d: %v\n", line, err)
			os.Exit(1)
		}
		fields, err := answer(c)
		if err != nil {
			out.Flush()
			fmt.Fprintf(os.Stderr, "stdin line %d: %v\n", line, err)
			os.Exit(1)
		}
		out.WriteString(object(fields))
		out.WriteByte('\n')
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func answer(c testCase) ([]field, error) {
	switch c.Kind {
	case "version":
		fields := []field{{"kind", c.Kind}, {"text", c.Text}}
		v, err := semver.NewVersion(c.Text)
		if err != nil {
			return append(fields, field{"valid", false}), nil
		}
		return append(fields,
			field{"valid", true},
			field{"major", strconv.FormatUint(v.Major(), 10)},
			field{"minor", strconv.FormatUint(v.Minor(), 10)},
			field{"patch", strconv.FormatUint(v.Patch(), 10)},
			field{"pre", v.Prerelease()},
			field{"meta", v.Metadata()}), nil
	case "compare":
		a, errA := semver.NewVersion(c.A)
		b, errB := semver.NewVersion(c.B)
		if errA != nil || errB != nil {
			return nil, fmt.Errorf("compare needs two valid versions: %q, %q", c.A, c.B)
		}
		return []field{{"kind", c.Kind}, {"a", c.A}, {"b", c.B}, {"sign", a.Compare(b)}}, nil
	case "check":
		fields := []field{{"kind", c.Kind}, {"constraint", c.Constraint}, {"version", c.Version}}
		constraint, err := semver.NewConstraint(c.Constraint)
		if err != nil {
			return append(fields, field{"error", true}, field{"satisfied", false}), nil
		}
		v, err := semver.NewVersion(c.Version)
		if err != nil {
			return nil, fmt.Errorf("check needs a valid version: %q", c.Version)
		}
		return append(fields, field{"error", false}, field{"satisfied", constraint.Check(v)}), nil
	case "select":
		selected, err := newestVersion(c.Constraint, c.Tags)
		fields := []field{{"kind", c.Kind}, {"constraint", c.Constraint}, {"tags", c.Tags}, {"error", err != nil}}
		if selected == "" {
			return append(fields, field{"selected", nil}), nil
		}
		return append(fields, field{"selected", selected}), nil
	default:
		return nil, fmt.Errorf("unknown kind %q", c.Kind)
	}
}

// newestVersion is the updater's semver strategy: an empty constraint means "*" (as v1.3.0 does), tags that are not
// versions are skipped, and of the tags that satisfy the constraint the highest version wins, equal versions ordered
// by their text (the sort the updater's tag list applies).
func newestVersion(constraintText string, tags []string) (string, error) {
	if constraintText == "" {
		constraintText = "*"
	}
	constraint, err := semver.NewConstraint(constraintText)
	if err != nil {
		return "", err
	}
	var best *semver.Version
	for _, tag := range tags {
		v, err := semver.NewVersion(tag)
		if err != nil || !constraint.Check(v) {
			continue
		}
		if best == nil || v.Compare(best) > 0 || (v.Compare(best) == 0 && v.Original() > best.Original()) {
			best = v
		}
	}
	if best == nil {
		return "", nil
	}
	return best.Original(), nil
}

// field is one key and value of an output object, kept in order.
type field struct {
	key   string
	value interface{}
}

// object writes fields as Python's json.dumps(ensure_ascii=False) does, the layout of the committed golden files:
// ", " and ": " separators, non-ASCII text as is.
func object(fields []field) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = quote(f.key) + ": " + value(f.value)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func value(v interface{}) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case string:
		return quote(v)
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = quote(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	default:
		panic(fmt.Sprintf("unsupported value %T", v))
	}
}

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
