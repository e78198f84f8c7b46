#!/usr/bin/env bash
# One real update cycle on local components, start to finish:
#   1. installs what it needs (docker-registry, git) and builds image-updater;
#   2. starts Debian's docker-registry on a free loopback port and pushes images to it through the Distribution API
#      (semver tags, a pre-release, a multi-platform index, builds from different days, a tag that moves);
#   3. creates a bare git repository (the "GitOps repo") and a working clone of it holding five Applications, one per
#      write-back target: Helm override file, Helm values, kustomization, a marker in a plain manifest, and one
#      Application edited in place (the argocd method);
#   4. runs `image-updater run --once --apps <clone>/apps` and shows what changed: the commits and their diffs.
# Everything lives in a temporary folder; the registry is stopped and the folder removed on exit, so running it again
# starts from scratch.
#
# Environment (for tests and CI):
#   IMAGE_UPDATER  the command to run instead of building one (e.g. "dotnet /path/image-updater.dll")
#   DEMO_WORK      an empty folder to work in; it is kept on exit (the caller removes it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -n "${IMAGE_UPDATER:-}" ]; then
  read -r -a cli <<<"$IMAGE_UPDATER"
else
  bash scripts/install-test-deps.sh
  echo "Building image-updater (Release) ..."
  dotnet build src/ImageUpdater.Cli -c Release --nologo -v q >/dev/null
  cli=(dotnet "$root/artifacts/bin/ImageUpdater.Cli/release/image-updater.dll")
fi
command -v curl >/dev/null 2>&1 || { echo "curl is needed: apt-get install -y curl" >&2; exit 2; }

registry_pid=""
if [ -n "${DEMO_WORK:-}" ]; then
  work="$(mkdir -p "$DEMO_WORK" && cd "$DEMO_WORK" && pwd)"
  keep_work=1
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/image-updater-demo.XXXXXX")"
  keep_work=0
fi
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  [ "$keep_work" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
[ -t 1 ] || section() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------------------
section "A registry on loopback"
# A free loopback port: the first one nothing answers on.
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cat >"$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry-data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port, secret: demo}
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
api="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$api/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$api/v2/" >/dev/null || { echo "docker-registry did not start:" >&2; cat "$work/registry.log" >&2; exit 1; }
# 127.0.0.1, not localhost: in an image-list, a constraint in place of the tag (web:^1.25) sends the reference
# through its lenient split, which takes a first segment for a registry only when it contains a dot.
registry="127.0.0.1:$port"
echo "docker-registry (pid $registry_pid) serves $api; images are named $registry/..."

# push_blob REPO FILE: uploads a blob (POST, then PUT to the returned Location) and prints its digest.
push_blob() {
  local repo=$1 file=$2 digest location
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location=$(curl -fsS -D - -o /dev/null -X POST "$api/v2/$repo/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case "$location" in http*) ;; *) location="$api$location" ;; esac
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location&digest=$digest"
  echo "$digest"
}

# push_image REPO REF CREATED [ARCH]: pushes a one-layer image built at CREATED for linux/ARCH under REF (a tag, or
# "-" for untagged); prints "<digest> <size>" of its manifest.
push_image() {
  local repo=$1 ref=$2 created=$3 arch=${4:-amd64} layer config digest
  printf 'layer of %s:%s for %s\n' "$repo" "$ref" "$arch" >"$work/layer"
  layer=$(push_blob "$repo" "$work/layer")
  printf '{"architecture":"%s","os":"linux","created":"%s","config":{},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$arch" "$created" "$layer" >"$work/config"
  config=$(push_blob "$repo" "$work/config")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}' \
    "$config" "$(stat -c %s "$work/config")" "$layer" "$(stat -c %s "$work/layer")" >"$work/manifest"
  digest="sha256:$(sha256sum "$work/manifest" | cut -d' ' -f1)"
  [ "$ref" = "-" ] && ref=$digest
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest" "$api/v2/$repo/manifests/$ref"
  echo "$digest $(stat -c %s "$work/manifest")"
}

# push_index REPO TAG CREATED ARCH...: pushes one image per architecture and an index over them under TAG.
push_index() {
  local repo=$1 tag=$2 created=$3 entries="" d s arch
  shift 3
  for arch in "$@"; do
    read -r d s < <(push_image "$repo" - "$created" "$arch")
    entries="$entries${entries:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"$d\",\"size\":$s,\"platform\":{\"os\":\"linux\",\"architecture\":\"$arch\"}}"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' "$entries" >"$work/index"
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/vnd.oci.image.index.v1+json' --data-binary "@$work/index" "$api/v2/$repo/manifests/$tag"
}

# acme/web: releases, a release candidate and a new major version.
for tag in 1.24.0 1.25.0 1.25.3 1.26.0-rc.1 2.0.0; do push_image acme/web "$tag" 2025-03-01T10:00:00Z >/dev/null; done
# acme/api: 3.1.0 is built for amd64 and arm64, the newer 3.2.0 for amd64 only.
push_index acme/api 3.0.0 2025-02-01T10:00:00Z amd64 arm64
push_index acme/api 3.1.0 2025-03-01T10:00:00Z amd64 arm64
push_image acme/api 3.2.0 2025-04-01T10:00:00Z amd64 >/dev/null
# acme/worker: one tag per commit of main; the newest build is not the last name in alphabetical order.
push_image acme/worker main-e41d9c0 2025-04-20T10:00:00Z >/dev/null
push_image acme/worker main-4f2a9c1 2025-05-01T10:00:00Z >/dev/null
push_image acme/worker main-9b1e002 2025-05-03T10:00:00Z >/dev/null
# acme/cache: "stable" is pushed twice; the second push moves the tag to a new digest.
read -r old_stable _ < <(push_image acme/cache stable 2025-01-15T10:00:00Z)
read -r new_stable _ < <(push_image acme/cache stable 2025-05-04T10:00:00Z)
cat <<TEXT
acme/web     1.24.0 1.25.0 1.25.3 1.26.0-rc.1 2.0.0
acme/api     3.0.0 and 3.1.0 (linux/amd64 + linux/arm64 index), 3.2.0 (linux/amd64 only, newest)
acme/worker  main-e41d9c0 (Apr 20), main-4f2a9c1 (May 1), main-9b1e002 (May 3)
acme/cache   stable: ${old_stable:0:19}... then moved to ${new_stable:0:19}...
TEXT

cat >"$work/registries.conf" <<YAML
registries:
- name: demo
  prefix: $registry
  api_url: $api
  default: true
YAML

# ---------------------------------------------------------------------------------------------------------------------
section "A GitOps repository: $work/gitops.git, cloned to $work/clone"
git init -q --bare -b main "$work/gitops.git"
git clone -q "$work/gitops.git" "$work/clone" 2>/dev/null
repo="$work/gitops.git"
clone="$work/clone"
git -C "$clone" config user.name "demo"
git -C "$clone" config user.email "demo@example.test"
mkdir -p "$clone/apps" "$clone/charts/web" "$clone/charts/web-canary" "$clone/kustomize/api" "$clone/manifests/worker"

# What each application runs now is read from its write-back target (no cluster, so no status).
cat >"$clone/charts/web/.argocd-source-web.yaml" <<YAML
helm:
  parameters:
  - name: image.name
    value: $registry/acme/web
    forcestring: true
  - name: image.tag
    value: 1.25.0
    forcestring: true
YAML
cat >"$clone/charts/web-canary/values.yaml" <<YAML
# Values of the canary release: only the image tag changes.
replicaCount: 1
image:
  repository: $registry/acme/web
  tag: 1.25.0 # the canary follows release candidates
service:
  port: 8080
YAML
cat >"$clone/kustomize/api/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
images:
  - name: $registry/acme/api
    newTag: 3.0.0
YAML
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n' >"$clone/kustomize/api/deployment.yaml"
cat >"$clone/manifests/worker/deployment.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  template:
    spec:
      containers:
        - name: worker
          image: $registry/acme/worker:main-4f2a9c1 # {"\$imagepolicy": "worker"}
YAML

app() { # app NAME PATH SOURCE-BLOCK ANNOTATIONS...: an Application whose source is PATH in the GitOps repository
  local name=$1 path=$2 source=$3
  shift 3
  {
    printf 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: %s\n  namespace: argocd\n  annotations:\n' "$name"
    for annotation in "$@"; do printf '    argocd-image-updater.argoproj.io/%s\n' "$annotation"; done
    printf 'spec:\n  project: default\n  source:\n    repoURL: %s\n    targetRevision: main\n    path: %s\n%s' "$repo" "$path" "$source"
    printf '  destination:\n    server: https://kubernetes.default.svc\n    namespace: %s\n' "$name"
  } >"$clone/apps/$name.yaml"
}
helm=$'    helm:\n      releaseName: web\n'
# 1. Helm, parameter override file: '^1.25' stays on 1.x and never takes a pre-release.
app web charts/web "$helm" \
  "image-list: web=$registry/acme/web:^1.25" \
  "web.helm.image-name: image.name" \
  "web.helm.image-tag: image.tag" \
  "write-back-method: git"
# 2. Helm values file: '^1.25.0-0' opts in to pre-releases, so the release candidate is taken.
app web-canary charts/web-canary "$helm" \
  "image-list: web=$registry/acme/web:^1.25.0-0" \
  "web.helm.image-name: image.repository" \
  "web.helm.image-tag: image.tag" \
  "write-back-method: git" \
  "write-back-target: helmvalues:values.yaml"
# 3. Kustomize: the newest build that runs on linux/arm64 (3.2.0 is newer but amd64 only).
app api kustomize/api $'    kustomize: {}\n' \
  "image-list: api=$registry/acme/api" \
  "api.update-strategy: newest-build" \
  "api.platforms: linux/arm64" \
  "write-back-method: git" \
  "write-back-target: kustomization"
# 4. A plain manifest with a marker: the newest build among main-* tags.
app worker manifests/worker "" \
  "image-list: worker=$registry/acme/worker" \
  "worker.update-strategy: newest-build" \
  "worker.allow-tags: regexp:^main-" \
  "worker.platforms: linux/amd64" \
  "write-back-method: git" \
  "write-back-target: markers"
# 5. The argocd method, edited in place: pin "stable" to its digest, and follow it when the tag moves.
cat >"$clone/apps/cache.yaml" <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: cache
  namespace: argocd
  annotations:
    argocd-image-updater.argoproj.io/image-list: cache=$registry/acme/cache:stable
    argocd-image-updater.argoproj.io/cache.update-strategy: digest
    argocd-image-updater.argoproj.io/cache.platforms: linux/amd64
spec:
  project: default
  source:
    repoURL: https://charts.example.test
    chart: cache
    targetRevision: 1.0.0
    helm:
      parameters:
        - name: image.name
          value: $registry/acme/cache
          forceString: true
        - name: image.tag
          value: "stable@$old_stable" # pinned by digest
          forceString: true
  destination:
    server: https://kubernetes.default.svc
    namespace: cache
YAML
git -C "$clone" add -A
git -C "$clone" commit -q -m "Applications and their manifests"
git -C "$clone" push -q origin main 2>/dev/null
(cd "$clone" && find apps charts kustomize manifests -type f | sort | sed 's/^/  /')

# ---------------------------------------------------------------------------------------------------------------------
section "One update cycle"
echo "\$ image-updater run --once --apps $clone/apps --registries-conf $work/registries.conf"
set +e
"${cli[@]}" run --once --apps "$clone/apps" --registries-conf "$work/registries.conf" \
  --git-commit-user image-updater --git-commit-email image-updater@example.test
status=$?
set -e

# ---------------------------------------------------------------------------------------------------------------------
section "What changed"
# The git method pushed to the bare repository; the argocd method committed cache.yaml in the clone itself.
git -C "$clone" pull -q --rebase origin main 2>/dev/null
git -C "$clone" --no-pager log --stat --format='%n%C(yellow)%h%Creset %s%n  by %an, %ar' HEAD~5..HEAD 2>/dev/null ||
  git -C "$clone" --no-pager log --stat --format='%n%h %s%n  by %an, %ar'
section "The diffs"
git -C "$clone" --no-pager log -p --format='%n%C(yellow)%h%Creset %s' --author=image-updater

section "Run it again: nothing left to do"
echo "\$ image-updater run --once --apps $clone/apps --registries-conf $work/registries.conf --loglevel warn"
"${cli[@]}" run --once --apps "$clone/apps" --registries-conf "$work/registries.conf" --loglevel warn || true
exit "$status"
