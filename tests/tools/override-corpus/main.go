// Command override-corpus writes the golden override files that OverrideFileEditor must reproduce byte for byte.
// For each case (an existing file and the images to write) it merges and marshals as Argo CD Image Updater does:
// go-yaml v3 with a 2-space indent and compact sequence indentation, struct field names lower-cased.
// Run ./regenerate.sh; it needs Debian's golang-go and golang-gopkg-yaml.v3-dev.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	yaml "gopkg.in/yaml.v3"
)

// The field names go-yaml derives from Argo CD's structs (it ignores their json tags).
type helmParameter struct {
	Name        string
	Value       string
	ForceString bool
}

type helmFile struct {
	Helm struct {
		Parameters []helmParameter
	}
}

type kustomizeFile struct {
	Kustomize struct {
		Images []string
	}
}

type imageChange struct {
	Alias         string `json:"alias"`
	ImageName     string `json:"imageName"`
	Tag           string `json:"tag"`
	Digest        string `json:"digest"`
	HelmName      string `json:"helmName"`
	HelmTag       string `json:"helmTag"`
	HelmSpec      string `json:"helmSpec"`
	KustomizeName string `json:"kustomizeName"`
}

type change struct {
	Kind   string        `json:"kind"`
	Images []imageChange `json:"images"`
}

func (c imageChange) reference() string {
	ref := c.ImageName
	if c.Tag != "" {
		ref += ":" + c.Tag
	}
	if c.Digest != "" {
		ref += "@" + c.Digest
	}
	return ref
}

func (c imageChange) tagWithDigest() string {
	if c.Digest == "" {
		return c.Tag
	}
	if c.Tag == "" {
		return "latest@" + c.Digest
	}
	return c.Tag + "@" + c.Digest
}

func (c imageChange) parameters() []helmParameter {
	if c.HelmSpec != "" {
		return []helmParameter{{c.HelmSpec, c.reference(), true}}
	}
	name, tag := c.HelmName, c.HelmTag
	if c.Alias == "" {
		name, tag = "image.name", "image.tag"
	}
	return []helmParameter{{name, c.ImageName, true}, {tag, c.tagWithDigest(), true}}
}

// parsed splits [alias=][registry/]name[:tag][@digest] the way the kustomize merge compares images.
type parsed struct{ registry, name, tag, digest string }

func parse(identifier string) parsed {
	if i := strings.Index(identifier, "="); i >= 0 {
		identifier = identifier[i+1:]
	}
	var p parsed
	if i := strings.Index(identifier, "@"); i >= 0 {
		identifier, p.digest = identifier[:i], identifier[i+1:]
	}
	if i := strings.LastIndex(identifier, ":"); i > strings.LastIndex(identifier, "/") {
		identifier, p.tag = identifier[:i], identifier[i+1:]
	}
	if i := strings.Index(identifier, "/"); i >= 0 && (strings.ContainsAny(identifier[:i], ".:") || identifier[:i] == "localhost") {
		p.registry, identifier = identifier[:i], identifier[i+1:]
	}
	if p.registry == "docker.io" {
		p.registry = ""
	}
	p.name = identifier
	return p
}

func marshal(v interface{}) []byte {
	var out strings.Builder
	encoder := yaml.NewEncoder(&out)
	encoder.SetIndent(2)
	encoder.CompactSeqIndent()
	if err := encoder.Encode(v); err != nil {
		panic(err)
	}
	if err := encoder.Close(); err != nil {
		panic(err)
	}
	return []byte(out.String())
}

func render(existing []byte, c change) []byte {
	switch c.Kind {
	case "helm":
		var file helmFile
		if err := yaml.Unmarshal(existing, &file); err != nil {
			panic(err)
		}
		for _, image := range c.Images {
			for _, p := range image.parameters() {
				replaced := false
				for i := range file.Helm.Parameters {
					if file.Helm.Parameters[i].Name == p.Name {
						file.Helm.Parameters[i], replaced = p, true
					}
				}
				if !replaced {
					file.Helm.Parameters = append(file.Helm.Parameters, p)
				}
			}
		}
		sort.SliceStable(file.Helm.Parameters, func(i, j int) bool { return file.Helm.Parameters[i].Name < file.Helm.Parameters[j].Name })
		return marshal(file)
	case "kustomize":
		var file kustomizeFile
		if err := yaml.Unmarshal(existing, &file); err != nil {
			panic(err)
		}
		for _, image := range c.Images {
			entry := image.reference()
			if image.KustomizeName != "" {
				entry = image.KustomizeName + "=" + entry
			}
			added, found := parse(entry), false
			for i, old := range file.Kustomize.Images {
				current := parse(old)
				if current.name != added.name || current.registry != added.registry {
					continue
				}
				found = true
				oldHasTag, newHasTag := current.tag != "" || current.digest != "", added.tag != "" || added.digest != ""
				if !oldHasTag || (newHasTag && (current.tag != added.tag || current.digest != added.digest)) {
					file.Kustomize.Images[i] = entry
				}
				break
			}
			if !found {
				file.Kustomize.Images = append(file.Kustomize.Images, entry)
			}
		}
		return marshal(file)
	}
	panic("unknown kind " + c.Kind)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: override-corpus CASES-DIR GOLDEN-DIR")
		os.Exit(2)
	}
	changes, err := filepath.Glob(filepath.Join(os.Args[1], "*.change.json"))
	if err != nil {
		panic(err)
	}
	for _, path := range changes {
		name := strings.TrimSuffix(filepath.Base(path), ".change.json")
		data, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		var c change
		if err := json.Unmarshal(data, &c); err != nil {
			panic(fmt.Sprintf("%s: %v", path, err))
		}
		existing, err := os.ReadFile(filepath.Join(os.Args[1], name+".input.yaml"))
		if err != nil {
			panic(err)
		}
		if err := os.WriteFile(filepath.Join(os.Args[2], name+".golden.yaml"), render(existing, c), 0o644); err != nil {
			panic(err)
		}
	}
}
