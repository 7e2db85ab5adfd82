import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export interface LighthouseScores {
  performance: number;
  accessibility: number;
}

/**
 * Lighthouse (its default mobile profile: simulated slow 4G and a 4× slower CPU) on one page of a
 * running CashView, in Debian's Chromium, signed in with the cookie given. Nothing is downloaded.
 */
export async function lighthouseScores(url: string, cookie: string, chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'): Promise<LighthouseScores> {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'], extraHeaders: { Cookie: cookie } });
    const categories = result!.lhr.categories;
    const failures = result!.lhr.runtimeError;
    if (failures) throw new Error(`Lighthouse could not measure ${url}: ${failures.message}`);
    return { performance: Math.round((categories.performance?.score ?? 0) * 100), accessibility: Math.round((categories.accessibility?.score ?? 0) * 100) };
  } finally {
    await chrome.kill();
  }
}
