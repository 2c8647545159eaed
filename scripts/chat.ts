/**
 * `npm run chat`: talk to the bot as a citizen in the terminal, against the
 * same database and prompts as the service. Piped input works too:
 *   printf 'halo\nsampah numpuk di jalan sudirman\n' | npm run --silent chat
 * Set CHAT_USER to chat as another citizen (each terminal prints only its own
 * citizen's messages). Edits to prompts/ apply while chatting.
 */
import { ConsoleChannel } from '../bots/console/channel.js';
import { buildApp } from '../app/build.js';
import { loadConfig, ConfigError } from '../app/config.js';

async function main(): Promise<void> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const app = await buildApp(config);
  const chat = new ConsoleChannel({ input: process.stdin, output: process.stdout, user: process.env.CHAT_USER ?? 'warga-konsol', mediaDir: config.MEDIA_DIR });
  app.addChannel(chat);
  await app.worker.start();
  // The chat does not start the whole service (channels, web), but prompt edits must apply as they do there.
  if (config.PROMPTS_WATCH) app.prompts.watch();
  if (process.stdin.isTTY) {
    process.stdout.write('SuaraWarga — obrolan konsol. Tulis pesan seperti warga; /lokasi -8.46,118.72 untuk berbagi lokasi, /foto path.jpg untuk foto, Ctrl-D untuk keluar.\n');
  }
  await chat.start(async (msg) => {
    await app.receive(msg);
    // Print the replies before reading the next line, so a piped conversation reads in order.
    await app.worker.drain();
  });
  await chat.ended();
  await app.worker.drain();
  await app.stop();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
