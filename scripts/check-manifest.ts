/**
 * Validates manifest.yml against Slack's own app manifest JSON schema (version 1), plus the
 * product-specific facts the schema cannot express.
 *
 *   npx tsx scripts/check-manifest.ts [path/to/manifest.yml]
 *
 * Schema location: <repo>/../shared/slack-manifest-schema/manifest.schema.1.0.0.json
 * (the repo is cloned with `shared/` beside it), or the path in env SLACK_MANIFEST_SCHEMA.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parseDocument } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_MANIFEST_PATH = resolve(REPO_ROOT, 'manifest.yml');

/** The exact bot scopes this product needs (docs: slack-platform.md, "App manifest"). */
export const REQUIRED_BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'channels:read',
  'files:write',
] as const;

export const REQUIRED_BOT_EVENTS = ['app_home_opened', 'user_change', 'app_uninstalled', 'tokens_revoked'] as const;

export const COMMAND = '/mentor';

export function schemaPath(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.SLACK_MANIFEST_SCHEMA;
  if (override && override.trim() !== '') return resolve(override);
  return resolve(REPO_ROOT, '..', 'shared', 'slack-manifest-schema', 'manifest.schema.1.0.0.json');
}

export function loadSchema(path: string = schemaPath()): object {
  return JSON.parse(readFileSync(path, 'utf8')) as object;
}

// Compiling the 35 kB schema takes a noticeable moment; reuse the validator per schema object.
const compiled = new WeakMap<object, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const ajv = new Ajv({
      // strict: false — Slack's schema uses keywords ajv does not know (`regex` on
      // background_color, `_note`, `minItems` on string items), which strict mode rejects.
      strict: false,
      allErrors: true,
    });
    // The schema uses exactly one format: `"format": "uri"` on the optional top-level `$schema`
    // property. ajv-formats is not installed, and ajv (validateFormats on by default) throws
    // "unknown format" at compile time for unregistered formats. Rather than turning format
    // validation off altogether, register `uri` by hand: an absolute URI per RFC 3986, i.e. a
    // scheme followed by ':' that WHATWG URL parsing accepts.
    ajv.addFormat('uri', (value: string) => {
      if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
      try {
        new URL(value);
        return true;
      } catch {
        return false;
      }
    });
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function formatAjvError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${String(params.additionalProperty)}" (not allowed by the Slack manifest schema)`;
    case 'required':
      return `${where}: missing required property "${String(params.missingProperty)}"`;
    case 'enum':
      return `${where}: ${error.message ?? 'invalid value'} (${JSON.stringify(params.allowedValues)})`;
    default:
      return `${where}: ${error.message ?? 'is invalid'}`;
  }
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function get(obj: unknown, ...keys: string[]): unknown {
  let cur: unknown = obj;
  for (const key of keys) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Checks the schema cannot express: what this product needs from its manifest. */
function productErrors(manifest: unknown): string[] {
  const errors: string[] = [];

  // The schema puts the hex pattern under a non-standard `regex` keyword, which ajv ignores.
  const color = get(manifest, 'display_information', 'background_color');
  if (color !== undefined && (typeof color !== 'string' || !/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(color))) {
    errors.push(`/display_information/background_color: must be a hex colour like "#2E6B5E"`);
  }

  const commands = get(manifest, 'features', 'slash_commands');
  const mentor = Array.isArray(commands)
    ? commands.find((c): c is Json => isObject(c) && c.command === COMMAND)
    : undefined;
  if (!mentor) {
    errors.push(`/features/slash_commands: the ${COMMAND} command is missing`);
  } else if (mentor.should_escape !== true) {
    errors.push(
      `/features/slash_commands (${COMMAND}): should_escape must be true (the bot parses <@U123|name> mentions)`,
    );
  }

  const scopes = get(manifest, 'oauth_config', 'scopes', 'bot');
  const botScopes = stringArray(scopes);
  for (const scope of REQUIRED_BOT_SCOPES) {
    if (!botScopes.includes(scope)) errors.push(`/oauth_config/scopes/bot: missing scope "${scope}"`);
  }
  for (const scope of botScopes) {
    if (!(REQUIRED_BOT_SCOPES as readonly string[]).includes(scope)) {
      errors.push(`/oauth_config/scopes/bot: unexpected scope "${scope}" (the bot needs exactly ${REQUIRED_BOT_SCOPES.join(', ')})`);
    }
  }
  const seen = new Set<string>();
  for (const scope of botScopes) {
    if (seen.has(scope)) errors.push(`/oauth_config/scopes/bot: scope "${scope}" is listed twice`);
    seen.add(scope);
  }

  const events = stringArray(get(manifest, 'settings', 'event_subscriptions', 'bot_events'));
  for (const event of REQUIRED_BOT_EVENTS) {
    if (!events.includes(event)) errors.push(`/settings/event_subscriptions/bot_events: missing event "${event}"`);
  }

  if (get(manifest, 'settings', 'interactivity', 'is_enabled') !== true) {
    errors.push('/settings/interactivity/is_enabled: must be true (buttons and modals)');
  }

  // Without Socket Mode, Slack needs a request URL for each surface the bot uses.
  if (get(manifest, 'settings', 'socket_mode_enabled') !== true) {
    if (mentor && typeof mentor.url !== 'string') {
      errors.push(`/features/slash_commands (${COMMAND}): url is required when socket_mode_enabled is not true`);
    }
    if (typeof get(manifest, 'settings', 'event_subscriptions', 'request_url') !== 'string') {
      errors.push('/settings/event_subscriptions/request_url: required when socket_mode_enabled is not true');
    }
    if (typeof get(manifest, 'settings', 'interactivity', 'request_url') !== 'string') {
      errors.push('/settings/interactivity/request_url: required when socket_mode_enabled is not true');
    }
  }

  return errors;
}

/**
 * Validates manifest YAML text against the Slack manifest schema and the product's own
 * requirements. Returns readable error lines; empty when the manifest is valid.
 */
export function validateManifest(manifestText: string, schema: object): string[] {
  const doc = parseDocument(manifestText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => `YAML: ${e.message}`);
  }
  const manifest: unknown = doc.toJS();
  if (!isObject(manifest)) return ['(root): the manifest must be a YAML mapping'];

  const validate = compile(schema);
  const errors: string[] = [];
  if (!validate(manifest)) {
    for (const error of validate.errors ?? []) {
      const line = formatAjvError(error);
      if (!errors.includes(line)) errors.push(line);
    }
  }
  errors.push(...productErrors(manifest));
  return errors;
}

function main(): number {
  const manifestPath = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_MANIFEST_PATH;
  const path = schemaPath();
  let schema: object;
  let text: string;
  try {
    schema = loadSchema(path);
  } catch (err) {
    console.error(`Cannot read the Slack manifest schema at ${path}: ${(err as Error).message}`);
    console.error('Set SLACK_MANIFEST_SCHEMA to the path of manifest.schema.1.0.0.json.');
    return 1;
  }
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (err) {
    console.error(`Cannot read ${manifestPath}: ${(err as Error).message}`);
    return 1;
  }
  const errors = validateManifest(text, schema);
  if (errors.length === 0) {
    console.log('manifest.yml is valid against the Slack manifest schema');
    return 0;
  }
  console.error(`manifest.yml has ${errors.length} problem${errors.length === 1 ? '' : 's'}:`);
  for (const error of errors) console.error(`  - ${error}`);
  return 1;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = main();
}
