import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, whatsappMode } from '../../app/config.js';
import { loadAreaDirectory } from '../../adapters/areas/idn-area.js';
import { readAreaCode, readPromptFiles } from '../../adapters/prompts/files.js';
import { buildPromptConfig, formatIssues } from '../../core/config/validate.js';
import { cloudEnv } from './harness.js';

const CLOUD = cloudEnv('https://graph.facebook.com');

describe('WhatsApp mode at start-up', () => {
  it.each([
    ['nothing set', {}, 'off'],
    ['the QR pilot', { WHATSAPP_ENABLED: 'true' }, 'pilot'],
    ['the four Cloud API variables', CLOUD, 'cloud'],
  ])('%s → %s', (_, env, mode) => {
    expect(whatsappMode(loadConfig(env))).toBe(mode);
  });

  it('defaults to graph.facebook.com, a current version and 80 messages per second', () => {
    const c = loadConfig(CLOUD);
    expect(c).toMatchObject({ WHATSAPP_GRAPH_URL: 'https://graph.facebook.com', WHATSAPP_CLOUD_MESSAGES_PER_SECOND: 80 });
    expect(loadConfig({}).WHATSAPP_GRAPH_VERSION).toMatch(/^v2\d\.0$/);
  });

  it('refuses both modes on one number, saying how to pick one', () => {
    expect(() => loadConfig({ ...CLOUD, WHATSAPP_ENABLED: 'true' })).toThrow(/one mode at a time: set WHATSAPP_ENABLED=false/);
  });

  it('refuses half a Cloud API setup, naming what is missing', () => {
    const { WHATSAPP_CLOUD_APP_SECRET: _s, WHATSAPP_CLOUD_VERIFY_TOKEN: _v, ...half } = CLOUD;
    expect(() => loadConfig(half)).toThrow(ConfigError);
    expect(() => loadConfig(half)).toThrow(/missing: WHATSAPP_CLOUD_APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN/);
  });

  it.each([
    ['WHATSAPP_CLOUD_PHONE_NUMBER_ID', '+62 812 3456', /Phone number ID/],
    ['WHATSAPP_CLOUD_APP_SECRET', 'not-hex!', /app secret/],
    ['WHATSAPP_CLOUD_VERIFY_TOKEN', 'short', /at least 8/],
    ['WHATSAPP_GRAPH_VERSION', '24', /v24\.0/],
    ['WHATSAPP_CLOUD_MESSAGES_PER_SECOND', '0', /WHATSAPP_CLOUD_MESSAGES_PER_SECOND/],
  ])('names a wrong %s', (name, value, message) => {
    expect(() => loadConfig({ ...CLOUD, [name]: value })).toThrow(message);
  });
});

describe('prompts/whatsapp-templates.yaml is validated like the other prompt files', () => {
  const files = readPromptFiles('prompts');
  const areas = loadAreaDirectory(readAreaCode('prompts'));
  const withTemplates = (text: string) => buildPromptConfig({ ...files, 'whatsapp-templates.yaml': text }, areas);
  const shipped = readFileSync('prompts/whatsapp-templates.yaml', 'utf8');

  it('accepts the shipped file, with a template for every status update', () => {
    const r = buildPromptConfig(files, areas);
    if (!r.ok) throw new Error(formatIssues(r.issues));
    expect(Object.keys(r.config.whatsapp!.templates)).toContain('update_selesai');
    expect(r.config.whatsapp!.language).toBe('id');
  });

  it('works without the file: no templates, updates outside the window wait', () => {
    const { 'whatsapp-templates.yaml': _gone, ...rest } = files;
    const r = buildPromptConfig(rest, areas);
    expect(r.ok && r.config.whatsapp!.templates).toEqual({});
  });

  it.each([
    ['a fact the update does not have', shipped.replace('parameters: [nomor, alasan]', 'parameters: [nomor, alamat]'), 'templates.update_ditolak.parameters[1]', /unknown fact "alamat"/],
    ['an example with the wrong placeholders', shipped.replace('Laporan {{1}} sudah ditutup.', 'Laporan {{2}} sudah ditutup.'), 'templates.update_ditutup.example', /must use \{\{1\}\}/],
    ['a template for something that is not a status update', shipped.replace('templates:\n', 'templates:\n  menu:\n    name: menu_utama\n    example: Halo selamat datang\n'), 'templates.menu', /not a status update/],
    ['a template name Meta would not accept', shipped.replace('name: suarawarga_ditutup', 'name: Suarawarga Ditutup'), 'templates.update_ditutup.name', /lower case/],
    ['a list button over 20 characters', shipped.replace('list_button: Pilih jawaban', 'list_button: Silakan pilih salah satu jawaban'), 'list_button', /20 characters/],
  ])('refuses %s, naming the place', (_, text, path, message) => {
    const r = withTemplates(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const issue = r.issues.find((i) => i.file === 'whatsapp-templates.yaml' && i.path === path);
    expect(issue?.message).toMatch(message);
  });
});
