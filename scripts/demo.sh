#!/usr/bin/env bash
# The demo until `up` exists: the example project in fixtures/demo, resolved by `tscompose config`.
set -euo pipefail
cd "$(dirname "$0")/../fixtures/demo"
tscompose() { node ../../bin/tscompose.js "$@"; }

echo "\$ tscompose config --services"
tscompose config --services
echo
echo "\$ tscompose --profile debug config --services"
tscompose --profile debug config --services
echo
echo "\$ tscompose config"
tscompose config
