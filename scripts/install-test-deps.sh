#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine that has the .NET SDK:
# Debian's docker-registry (a real OCI registry), htpasswd (apache2-utils), git and kubectl (kubernetes-client).
set -euo pipefail
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v git >/dev/null 2>&1 || missing+=(git)
# kubectl proves the Kubernetes wire format and the deploy/ manifests; an installed kubectl package conflicts with it.
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # Another apt (an unattended upgrade, a parallel job) may hold a lock: wait up to 5 minutes instead of failing at
  # once. DPkg::Lock::Timeout waits for dpkg's lock; a failed update (the package lists' lock) is tried again.
  lock_wait=(-o DPkg::Lock::Timeout=300)
  for attempt in $(seq 60); do
    $sudo_cmd apt-get "${lock_wait[@]}" update -qq && break
    [ "$attempt" -lt 60 ] || exit 1
    sleep 5
  done
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get "${lock_wait[@]}" install -y -qq "${missing[@]}" >/dev/null
fi
