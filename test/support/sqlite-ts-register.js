'use strict';
/**
 * Lets a plain `node` child process load the project's TypeScript sources:
 * `node -r ./test/support/sqlite-ts-register.js test/support/<script>.ts`.
 * Each .ts file is transpiled on require (no type check), so tests that spawn helpers run the
 * current sources whether or not `npm run build` has run.
 */
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  useDefineForClassFields: false,
  sourceMap: false,
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { fileName: filename, compilerOptions });
  module._compile(outputText, filename);
};
