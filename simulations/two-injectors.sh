#!/usr/bin/env bash
# Two injectors and the merge against one command-line local stage: the Kubernetes manifests run on this machine
# (deploy/run-local.sh, README "Many injectors"). Usage: simulations/two-injectors.sh [Simulation] (ThrottleRate).
# Needs the build installed first (mvn -B -DskipTests install).
exec "$(dirname "$0")/../deploy/run-local.sh" "${1:-ThrottleRate}" 2
