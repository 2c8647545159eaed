/**
 * whatsapp-web.js depends on puppeteer, which would download its own Chromium
 * at install time. This machine (and most city servers) cannot or should not
 * do that: we drive the system Chromium instead (PUPPETEER_EXECUTABLE_PATH).
 */
module.exports = { skipDownload: true };
