/**
 * The browser tests drive Debian's chromium (never a downloaded browser), with a CJK font so
 * Chinese pages render as people see them. `pnpm test` runs this first: when they are missing and
 * this machine can install Debian packages (root with apt-get), it installs them; otherwise it
 * says exactly what to install and stops, rather than letting the browser tests fail later.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-noto-cjk'];

function hasCjkFont(): boolean {
  try {
    return /Noto Sans CJK|Noto Serif CJK|WenQuanYi|Source Han/i.test(execFileSync('fc-list', { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

const missing = [...(existsSync(chromium) ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-noto-cjk'])];

if (missing.length > 0) {
  const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canInstall) {
    process.stderr.write(
      `The browser tests need Debian's ${missing.join(' and ')}: install with\n  sudo apt-get install -y ${PACKAGES.join(' ')}\n` +
        '(or set CHROMIUM_PATH to a Chromium binary).\n',
    );
    process.exit(1);
  }
  process.stdout.write(`installing ${missing.join(', ')} for the browser tests (apt-get)…\n`);
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) {
      process.stderr.write(`apt-get could not install ${missing.join(' ')}\n`);
      process.exit(1);
    }
  }
}
