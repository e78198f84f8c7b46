#!/usr/bin/env bash
# The main job on local components: installs what it needs, starts Debian's docker-registry on a free loopback port,
# pushes a few images (with build times and a multi-platform tag) through the Distribution API, and asks
# `image-updater test` which tag each update policy picks. It also evaluates a policy over the sample tag list.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-test-deps.sh
command -v curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

echo "Building image-updater ..."
dotnet build src/ImageUpdater.Cli -c Release --nologo -v q >/dev/null
cli=(dotnet artifacts/bin/ImageUpdater.Cli/release/image-updater.dll)

work="$(mktemp -d)"
registry_pid=""
cleanup() { [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A free loopback port: the first one nothing answers on.
port=$((20000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cat > "$work/registry.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/data}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port, secret: demo}
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
api="http://127.0.0.1:$port"
for _ in $(seq 50); do curl -fs "$api/v2/" >/dev/null && break; sleep 0.1; done
echo "docker-registry listening on $api"

# push_blob FILE: uploads a blob (POST, then PUT to the returned Location) and prints its digest.
push_blob() {
  local repo=$1 file=$2 digest location
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  location=$(curl -fsS -D - -o /dev/null -X POST "$api/v2/$repo/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case "$location" in http*) ;; *) location="$api$location" ;; esac
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location&digest=$digest"
  echo "$digest"
}

# push_image REPO TAG CREATED [ARCH]: pushes a one-layer image whose config says when it was built; prints its digest.
push_image() {
  local repo=$1 tag=$2 created=$3 arch=${4:-amd64} layer config manifest
  printf 'layer of %s:%s for %s\n' "$repo" "$tag" "$arch" >"$work/layer"
  layer=$(push_blob "$repo" "$work/layer")
  printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Labels":{"org.opencontainers.image.version":"%s"}},"rootfs":{"type":"layers","diff_ids":["%s"]}}' \
    "$arch" "$created" "$tag" "$layer" >"$work/config"
  config=$(push_blob "$repo" "$work/config")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"%s","size":%d}]}' \
    "$config" "$(stat -c %s "$work/config")" "$layer" "$(stat -c %s "$work/layer")" >"$work/manifest"
  curl -fsS -o /dev/null -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest" "$api/v2/$repo/manifests/$tag"
  echo "sha256:$(sha256sum "$work/manifest" | cut -d' ' -f1)"
}

echo "Pushing acme/web ..."
push_image acme/web 1.24.0 2025-01-10T10:00:00Z >/dev/null
push_image acme/web 1.25.0 2025-02-10T10:00:00Z >/dev/null
push_image acme/web 1.25.3 2025-03-10T10:00:00Z >/dev/null
push_image acme/web 1.26.0-rc.1 2025-04-10T10:00:00Z >/dev/null
push_image acme/web 2.0.0 2025-03-20T10:00:00Z >/dev/null
push_image acme/web main-4f2a9c1 2025-05-01T10:00:00Z >/dev/null
latest=$(push_image acme/web latest 2025-05-02T10:00:00Z)
echo "acme/web:latest is $latest"

cat > "$work/registries.conf" <<YAML
registries:
- name: demo
  prefix: localhost:$port
  api_url: $api
  limit: 50
YAML

run() {
  echo
  echo "\$ image-updater $*"
  "${cli[@]}" "$@"
}

image="localhost:$port/acme/web"
conf=(--registries-conf "$work/registries.conf" --platforms linux/amd64)
run test "$image" "${conf[@]}"
run test "$image" "${conf[@]}" --semver-constraint '~1.25' -o json
run test "$image" "${conf[@]}" --semver-constraint '>=1.26.0-0' -o json
run test "$image" "${conf[@]}" --update-strategy newest-build --allow-tags 'regexp:^main-' -o json
run test "$image" "${conf[@]}" --update-strategy digest --semver-constraint latest -o json
run test nginx --tags-from samples/tags.txt --semver-constraint '~1.25' --ignore-tags '*-alpine'
