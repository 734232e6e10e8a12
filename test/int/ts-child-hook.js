/**
 * Lets a child process started by an int test run TypeScript sources without a build: `node -r test/int/ts-child-hook.js
 * some.ts`. Each .ts file is transpiled on load (typescript.transpileModule with the repository's compiler options, as
 * ts-jest does with isolatedModules) and the @birgemiz/* path aliases of tsconfig.json resolve through tsconfig-paths.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const { register } = require('tsconfig-paths');

const root = path.join(__dirname, '..', '..');
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const compilerOptions = { ...ts.convertCompilerOptionsFromJson(config.compilerOptions, root).options, sourceMap: false, inlineSourceMap: true };

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
register({ baseUrl: root, paths: config.compilerOptions.paths });
