import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs with apt-get, for the report's tests and pictures. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Returns why the browser tests cannot run here, or `undefined` when they can. CI sets
 * PVP_REQUIRE_BROWSER=1, so that a missing browser fails there instead of skipping.
 */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM_PATH) || process.env.PVP_REQUIRE_BROWSER === '1') return undefined;
  return `no Chromium at ${CHROMIUM_PATH}; install Debian's chromium package to run these tests`;
}

/**
 * Starts headless Chromium with the flags this machine's closed network needs: without the
 * background networking ones it keeps trying to reach hosts it cannot.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
