/**
 * Jest's globalSetup/globalTeardown run outside its module system, so its moduleNameMapper does not apply there:
 * this resolves the @birgemiz/* path aliases of tsconfig.json for them.
 */
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../tsconfig.json';

register({ baseUrl: `${__dirname}/..`, paths: compilerOptions.paths });
