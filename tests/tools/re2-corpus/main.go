// Command re2-corpus records what Go's regexp package does with RE2 patterns, as JSON lines that the .NET tests
// replay (see README.md). With -tags, every pattern is matched against every tag (whether it matches, and the
// leftmost-first match); without, only compilation is recorded.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
)

type row struct {
	Pattern  string  `json:"pattern"`
	Tag      *string `json:"tag,omitempty"`
	Compiles bool    `json:"compiles"`
	Error    string  `json:"error,omitempty"`
	Matches  *bool   `json:"matches,omitempty"`
	Match    *string `json:"match,omitempty"` // the leftmost-first match (FindString), when there is one
}

// readLines returns the non-empty lines of a file. Lines are taken literally (a pattern may start with any
// character), except that a line starting with "//" is a comment.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		lines = append(lines, unescape(line))
	}
	return lines, nil
}

// unescape turns "{LF}" and "{TAB}" into a newline and a tab, so
// that a tag or pattern can hold a newline while the input files stay one entry a line.
func unescape(line string) string {
	return strings.NewReplacer("{LF}", "\n", "{TAB}", "\t").Replace(line)
}

func main() {
	patternsPath := flag.String("patterns", "", "comma-separated files with one RE2 pattern a line")
	tagsPath := flag.String("tags", "", "optional file with one tag a line; every pattern is matched against every tag")
	flag.Parse()
	if *patternsPath == "" {
		fmt.Fprintln(os.Stderr, "usage: re2-corpus -patterns FILE [-tags FILE]")
		os.Exit(2)
	}

	var patterns []string
	for _, path := range strings.Split(*patternsPath, ",") {
		lines, err := readLines(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		patterns = append(patterns, lines...)
	}
	var tags []string
	if *tagsPath != "" {
		var err error
		if tags, err = readLines(*tagsPath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for _, pattern := range patterns {
		re, err := regexp.Compile(pattern)
		if err != nil || tags == nil {
			r := row{Pattern: pattern, Compiles: err == nil}
			if err != nil {
				r.Error = err.Error()
			}
			must(encoder.Encode(r))
			continue
		}
		for i := range tags {
			r := row{Pattern: pattern, Tag: &tags[i], Compiles: true}
			matches := re.MatchString(tags[i])
			r.Matches = &matches
			if loc := re.FindStringIndex(tags[i]); loc != nil {
				match := tags[i][loc[0]:loc[1]]
				r.Match = &match
			}
			must(encoder.Encode(r))
		}
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
