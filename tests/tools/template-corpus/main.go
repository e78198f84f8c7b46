// Command template-corpus renders a corpus of Go text/template templates over the data shapes Argo CD Image
// Updater gives commit-message and branch-name templates, and prints one JSON object per case (JSON Lines).
// ImageUpdater's tests replay the output to prove its template engine renders byte for byte as Go does.
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"text/template"
)

type commitMessageChange struct {
	Image  string
	OldTag string
	NewTag string
	Labels map[string]string
}

type commitMessageTemplate struct {
	AppName    string
	AppChanges []commitMessageChange
}

type branchNameImage struct {
	Name   string
	Alias  string
	OldTag string
	NewTag string
}

type branchNameTemplate struct {
	Images       []branchNameImage
	SHA256       string
	AppName      string
	AppNamespace string
}

const defaultCommitTemplate = `build: automatic update of {{ .AppName }}

{{ range .AppChanges -}}
updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
{{ end -}}
`

func datasets() map[string]interface{} {
	images := []branchNameImage{
		{Name: "argoproj/guestbook", Alias: "guestbook", OldTag: "v0.1.0", NewTag: "v0.2.0"},
		{Name: "library/nginx", Alias: "web", OldTag: "1.25.3", NewTag: "1.25.4"},
	}
	hashInput := ""
	for _, image := range images {
		hashInput += fmt.Sprintf("%s-%s-%s,", image.Name, image.OldTag, image.NewTag)
	}
	return map[string]interface{}{
		// The data of the reference's `template` command.
		"sample": commitMessageTemplate{
			AppName: "example-app",
			AppChanges: []commitMessageChange{
				{Image: "example/example", OldTag: "1.0.0", NewTag: "1.0.1"},
				{Image: "example/updater",
					OldTag: "sha256:01d09d19c2139a46aebfb577780d123d7396e97201bc7ead210a2ebff8239dee",
					NewTag: "sha256:7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c"},
			},
		},
		"commit": commitMessageTemplate{
			AppName: "guestbook",
			AppChanges: []commitMessageChange{
				{Image: "argoproj/guestbook", OldTag: "v0.1.0", NewTag: "v0.2.0", Labels: map[string]string{
					"org.opencontainers.image.source":   "https://github.com/argoproj/guestbook",
					"org.opencontainers.image.version":  "v0.2.0",
					"org.opencontainers.image.revision": "3f2a9c1",
					"maintainer":                        "Jane Doe <jane@example.com>",
				}},
				{Image: "library/nginx", OldTag: "1.25.3", NewTag: "1.25.4", Labels: map[string]string{}},
				{Image: "acme/api",
					OldTag: "sha256:1111111111111111111111111111111111111111111111111111111111111111",
					NewTag: "sha256:2222222222222222222222222222222222222222222222222222222222222222"},
			},
		},
		"empty": commitMessageTemplate{AppName: "idle-app", AppChanges: []commitMessageChange{}},
		"branch": branchNameTemplate{
			Images:       images,
			SHA256:       fmt.Sprintf("%x", sha256.Sum256([]byte(hashInput))),
			AppName:      "guestbook",
			AppNamespace: "argocd",
		},
	}
}

type testCase struct {
	Name     string `json:"name"`
	Data     string `json:"data"`
	Template string `json:"template"`
}

type result struct {
	testCase
	Result string `json:"result"`
	Output string `json:"output"`
	Error  string `json:"goError,omitempty"`
}

func main() {
	data := datasets()
	encoder := json.NewEncoder(os.Stdout)
	for _, c := range corpus() {
		r := result{testCase: c, Result: "ok"}
		tpl, err := template.New("t").Parse(c.Template)
		if err != nil {
			r.Result, r.Error = "parse-error", err.Error()
		} else {
			var out bytes.Buffer
			if err := tpl.Execute(&out, data[c.Data]); err != nil {
				r.Result, r.Error = "exec-error", err.Error()
			} else {
				r.Output = out.String()
			}
		}
		if err := encoder.Encode(r); err != nil {
			panic(err)
		}
	}
}
