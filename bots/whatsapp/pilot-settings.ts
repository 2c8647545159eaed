/**
 * The QR pilot's defaults and the words it logs: the QR printed in the
 * terminal and what the operator should do after each kind of disconnect.
 */
import path from 'node:path';
import qrcodeTerminal from 'qrcode-terminal';

export const WHATSAPP_DEFAULTS = {
  sessionDir: path.join('data', 'whatsapp-session'),
  mediaDir: path.join('data', 'media'),
  maxMediaBytes: 5 * 1024 * 1024,
  minGapMs: 1500,
  jitterMs: 1500,
  readyTimeoutMs: 120_000,
  reconnectMinMs: 5_000,
  reconnectMaxMs: 300_000,
  destroyTimeoutMs: 15_000,
} as const;

export function defaultPrintQr(qr: string): void {
  qrcodeTerminal.generate(qr, { small: true }, (art) => {
    process.stdout.write(`\nWhatsApp: scan this QR with the city's phone (WhatsApp → Linked devices → Link a device)\n${art}\n`);
  });
}

export function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What the operator should do after a disconnect, by whatsapp-web.js's reason. */
export function disconnectHint(reason: string, sessionDir: string): string {
  switch (reason) {
    case 'LOGOUT':
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return 'the phone unlinked this device (or WhatsApp logged it out): scan the new QR that will be printed';
    case 'CONFLICT':
      return 'WhatsApp Web was opened for this number somewhere else: close the other session (WhatsApp → Linked devices)';
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return 'WhatsApp blocked this number for using an unofficial client: check the phone, appeal in the app, and slow sending down (WHATSAPP_MIN_GAP_MS); see README "WhatsApp channel"';
    case 'Max qrcode retries reached':
      return 'nobody scanned the QR in time: a new one will be printed';
    default:
      return `reconnecting; if it keeps happening check the network and Chromium, or delete ${sessionDir} and scan again`;
  }
}
