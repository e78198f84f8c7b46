// Command brackets prints every bracket-expression shape the acceptance corpus checks: each class escape, Unicode
// class and POSIX class at the start, middle and end of a class, before and after '-', in plain and negated
// classes, beside ']' and '-' written first or last.
package main

import (
	"fmt"
	"strings"
)

var items = []string{
	`\d`, `\w`, `\s`, `\D`, `\W`, `\S`, `\pL`, `\PL`, `\p{Lu}`, `\P{Nd}`, `\p{^L}`, `[:alpha:]`, `[:^digit:]`, `[:word:]`,
	`a`, `.`, `\.`, `\-`, `\x41`,
}

var shapes = []string{
	"[E]", "[^E]", "[Ex]", "[xE]", "[xEy]", "[E-]", "[-E]", "[^-E]", "[^E-]", "[E-.]", "[.-E]", "[x-E]", "[E-z]",
	"[a-zE-.]", "[E-a-z]", "[]E]", "[^]E]", "[E]]", "[E-]]", "[]-E]", "[EE]", "[E-E]",
}

func main() {
	for _, item := range items {
		for _, shape := range shapes {
			fmt.Println(strings.ReplaceAll(shape, "E", item))
		}
	}
}
