#!/bin/sh
# The grammar test: installs the pinned devDependencies once, then tokenizes the policy files.
cd "$(dirname "$0")/.." && [ -d node_modules/vscode-textmate ] || npm ci --no-audit --no-fund >/dev/null; node test/grammar.mjs
