/** Writes the AsyncAPI catalogue generated from libs/contracts to docs/asyncapi.json. */
import { generateAsyncApi } from '@birgemiz/contracts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const target = join(root, 'docs', 'asyncapi.json');
writeFileSync(target, `${JSON.stringify(generateAsyncApi({ version }), null, 2)}\n`);
process.stdout.write(`[asyncapi] wrote ${target}\n`);
