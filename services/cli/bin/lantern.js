#!/usr/bin/env node
// `npx lantern ...` from the repository root: runs the CLI's TypeScript directly (no build step).
'use strict';
require('../../../libs/platform/runtime/register.js');
const { runCli } = require('../src/main.ts');

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`lantern: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
