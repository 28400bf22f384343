#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 would otherwise take our `--env-file` as its own.
// The one place errors reach the terminal: main() returns an exit code; anything it throws is a
// bug, reported in one line with the trace kept in a log file (see src/cli/render-error.ts).
import { main } from '../dist/bundle/tscompose.mjs';

process.exitCode = await main(process.argv.slice(2));
