#!/usr/bin/env -S node --
// `--` ends node's own options: Node 20 would otherwise take our `--env-file` as its own.
// The one place errors reach the terminal: main() returns an exit code; anything it throws is a
// bug, reported in one line with the trace kept in a log file (see src/cli/render-error.ts).
import { main } from '../dist/bundle/tscompose.mjs';

// `tscompose config | head`: the reader has gone. A Go program (docker compose) dies of SIGPIPE
// there, silently, with the shell reporting 141; Node ignores SIGPIPE and would print a stack
// trace for the failed write instead.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(128 + 13);
});

process.exitCode = await main(process.argv.slice(2));
