// Runs Lantern's TypeScript sources directly: `node -r ./libs/platform/runtime/register.js file.ts`.
// Used by `npm start`, `nx serve`, the CLI and benchmarks, so a fresh clone needs no build step.
// swc strips types per file (no type check: `npm run typecheck` does that) and keeps decorator
// metadata, which Nest's dependency injection needs. `@lantern/*` imports resolve to libs/*/src.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../..');
const swcrc = JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8'));
const aliases = new Map(Object.entries(swcrc.jsc.paths).map(([alias, [target]]) => [alias, path.join(root, target)]));
const options = { ...swcrc, swcrc: false, sourceMaps: 'inline', jsc: { ...swcrc.jsc, paths: undefined, baseUrl: undefined } };
delete options.exclude;
delete options.$schema;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};

process.setSourceMapsEnabled(true);
