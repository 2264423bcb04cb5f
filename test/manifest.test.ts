import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  DEFAULT_MANIFEST_PATH,
  REQUIRED_BOT_SCOPES,
  loadSchema,
  validateManifest,
} from '../scripts/check-manifest.ts';

const schema = loadSchema();
const manifestText = readFileSync(DEFAULT_MANIFEST_PATH, 'utf8');

type Manifest = {
  display_information: { name: string; background_color?: string; [k: string]: unknown };
  features: { slash_commands: Array<Record<string, unknown>>; [k: string]: unknown };
  oauth_config: { scopes: { bot: string[] } };
  settings: Record<string, unknown>;
  [k: string]: unknown;
};

/** Parses the real manifest, lets the test mutate it, and validates the re-stringified YAML. */
function validateMutated(mutate: (m: Manifest) => void): string[] {
  const manifest = parse(manifestText) as Manifest;
  mutate(manifest);
  return validateManifest(stringify(manifest), schema);
}

describe('manifest.yml', () => {
  it('is valid against the Slack manifest schema and the product checks', () => {
    expect(validateManifest(manifestText, schema)).toEqual([]);
  });

  it('survives a parse/stringify round trip unchanged (the mutation tests start from a valid copy)', () => {
    expect(validateMutated(() => {})).toEqual([]);
  });

  it('declares exactly the six bot scopes, /mentor with should_escape, and Socket Mode', () => {
    const m = parse(manifestText) as Manifest;
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...REQUIRED_BOT_SCOPES].sort());
    expect(m.features.slash_commands).toHaveLength(1);
    expect(m.features.slash_commands[0]).toMatchObject({ command: '/mentor', should_escape: true });
    expect(m.settings).toMatchObject({ socket_mode_enabled: true, org_deploy_enabled: false, token_rotation_enabled: false });
  });

  it('rejects a display name longer than 35 characters', () => {
    const errors = validateMutated((m) => {
      m.display_information.name = 'M'.repeat(36);
    });
    expect(errors).toContainEqual(expect.stringMatching(/^\/display_information\/name: .*35/));
  });

  it('rejects an unknown top-level key', () => {
    const errors = validateMutated((m) => {
      m.bogus_section = { enabled: true };
    });
    expect(errors).toContainEqual(expect.stringContaining('unknown property "bogus_section"'));
  });

  it('rejects a missing bot scope', () => {
    const errors = validateMutated((m) => {
      m.oauth_config.scopes.bot = m.oauth_config.scopes.bot.filter((s) => s !== 'im:write');
    });
    expect(errors).toEqual(['/oauth_config/scopes/bot: missing scope "im:write"']);
  });

  it('rejects an extra bot scope', () => {
    const errors = validateMutated((m) => {
      m.oauth_config.scopes.bot.push('channels:history');
    });
    expect(errors).toContainEqual(expect.stringContaining('unexpected scope "channels:history"'));
  });

  it('rejects /mentor without should_escape', () => {
    const errors = validateMutated((m) => {
      m.features.slash_commands[0]!.should_escape = false;
    });
    expect(errors).toContainEqual(expect.stringContaining('should_escape must be true'));
  });

  it('rejects a missing bot event', () => {
    const errors = validateMutated((m) => {
      (m.settings.event_subscriptions as { bot_events: string[] }).bot_events = ['app_home_opened', 'app_uninstalled', 'tokens_revoked'];
    });
    expect(errors).toEqual(['/settings/event_subscriptions/bot_events: missing event "user_change"']);
  });

  it('rejects a manifest without the events that stop work for a removed workspace', () => {
    const errors = validateMutated((m) => {
      (m.settings.event_subscriptions as { bot_events: string[] }).bot_events = ['app_home_opened', 'user_change'];
    });
    expect(errors).toEqual([
      '/settings/event_subscriptions/bot_events: missing event "app_uninstalled"',
      '/settings/event_subscriptions/bot_events: missing event "tokens_revoked"',
    ]);
  });

  it('rejects a background colour that is not hex (the schema only says so in a non-standard keyword)', () => {
    const errors = validateMutated((m) => {
      m.display_information.background_color = 'green';
    });
    expect(errors).toContainEqual(expect.stringContaining('background_color'));
  });

  it('requires request URLs when Socket Mode is turned off, and accepts them', () => {
    const missing = validateMutated((m) => {
      m.settings.socket_mode_enabled = false;
    });
    expect(missing).toHaveLength(3);

    const withUrls = validateMutated((m) => {
      const url = 'https://mentor.example.com/slack/events';
      m.settings.socket_mode_enabled = false;
      m.features.slash_commands[0]!.url = url;
      (m.settings.event_subscriptions as Record<string, unknown>).request_url = url;
      (m.settings.interactivity as Record<string, unknown>).request_url = url;
    });
    expect(withUrls).toEqual([]);
  });

  it('checks the one format the schema uses (uri on $schema)', () => {
    expect(
      validateMutated((m) => {
        m.$schema = 'https://raw.githubusercontent.com/slackapi/manifest-schema/main/manifest.schema.json';
      }),
    ).toEqual([]);
    expect(
      validateMutated((m) => {
        m.$schema = 'not a uri';
      }),
    ).toContainEqual(expect.stringMatching(/^\/\$schema: must match format "uri"/));
  });

  it('reports YAML syntax errors instead of throwing', () => {
    const errors = validateManifest('display_information:\n  name: [unclosed\n', schema);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^YAML: /);
  });
});
