/**
 * The board as a person sees it: `tscompose up` (attached) in a 120×30 tmux pane, the screen
 * captured over and over while the image pulls and the services start (fixtures/board).
 *
 * The image is busybox plus a layer of random bytes made for this run (support/fresh-layer-image.ts),
 * pulled from the suite's registry through a slow link (support/slow-registry.ts) as from a
 * registry far away, so the pull really downloads and lasts long enough to be seen.
 *
 * Scenario: the board shows one row per service, and one for the image pull with its bytes, each
 * with a state word: the image is pulling then pulled, web waits for db to be healthy, db turns
 * healthy and web starts; below the board the services' logs follow under their `<service>-1 | `
 * prefixes. Ctrl-C stops the services gracefully and up exits by itself.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dockerOk } from './support/commands.js';
import { composeProject, type ComposeProject } from './support/compose-project.js';
import { pushFreshLayerImage } from './support/fresh-layer-image.js';
import { startSlowRegistry, type SlowRegistry } from './support/slow-registry.js';
import { hasTmux, openTmuxPane, type TmuxPane } from './support/tmux-pane.js';

const NAME = 'e2e-board';
const TSCOMPOSE_BIN = new URL('../../bin/tscompose.js', import.meta.url).pathname;
const STATES = [
  'Pulling',
  'Pulled',
  'Creating',
  'Created',
  'Recreate',
  'Recreated',
  'Starting',
  'Started',
  'Running',
  'Waiting',
  'Healthy',
  'Unhealthy',
  'Exited',
  'Stopping',
  'Stopped',
  'Error',
];
const tmuxMissing = !(await hasTmux());

/** A row on one screen: `<mark> <label> [what works, e.g. a pull bar] <State> <details> <elapsed>`. */
interface Row {
  /** Between the label and the state word: the pull's bar and bytes. */
  readonly progress: string;
  readonly state: string;
  /** After the state word: its details (`for db to be healthy`) and the elapsed time. */
  readonly details: string;
}

function rowsOf(screen: readonly string[], label: string): Row[] {
  const pattern = new RegExp(`^\\s*\\S+\\s+${escapeRegExp(label)}\\s+(.*?)\\b(${STATES.join('|')})\\b(.*)$`);
  return screen.flatMap((line) => {
    const match = pattern.exec(line);
    return match ? [{ progress: match[1] ?? '', state: match[2] ?? '', details: match[3] ?? '' }] : [];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const title = tmuxMissing
  ? 'the board under tmux (skipped: tmux is not installed; scripts/setup-system.sh installs it)'
  : 'the board under tmux';

describe.skipIf(tmuxMissing)(title, () => {
  let project: ComposeProject;
  let image: string;
  let pane: TmuxPane | undefined;
  let slowLink: SlowRegistry | undefined;
  const screens: string[][] = [];

  beforeAll(async () => {
    // A layer no other test pulls, so this up has to download it while the board shows.
    await pushFreshLayerImage(
      inject('registry'),
      inject('busybox').reference,
      `${NAME}/busybox:latest`,
      1 << 20,
    );
    // About two seconds for the new megabyte: the pull stays on screen long enough to be seen.
    slowLink = await startSlowRegistry(inject('registry'), 512 * 1024);
    image = `${slowLink.host}/${NAME}/busybox:latest`;
    project = await composeProject({ fixture: 'board', name: NAME, env: { BOARD_IMAGE: image } });
  });

  afterAll(async () => {
    await pane?.close();
    await project?.remove();
    await slowLink?.stop();
  });

  it('shows a row per service with its state, then the logs', async () => {
    pane = await openTmuxPane({
      command: [process.execPath, TSCOMPOSE_BIN, '-p', NAME, 'up'],
      cwd: project.dir,
      env: { BOARD_IMAGE: image },
      width: 120,
      height: 30,
    });
    const open = pane;
    // Capture as fast as tmux answers until the logs show: every frame a person could have seen.
    await expect
      .poll(
        async () => {
          const screen = await open.capture();
          screens.push(screen);
          return screen.some((line) => /^web-1 +\| web: serving pages$/.test(line));
        },
        { timeout: 30_000, interval: 20 },
      )
      .toBe(true);

    for (const screen of screens) {
      for (const label of ['db', 'web', `Image ${image}`]) {
        expect(rowsOf(screen, label).length, screen.join('\n')).toBeLessThanOrEqual(1);
      }
    }
    const seen = (label: string): Row[] => screens.flatMap((screen) => rowsOf(screen, label));
    const states = (label: string): string[] => [...new Set(seen(label).map((row) => row.state))];
    expect(seen(`Image ${image}`)).toContainEqual(
      expect.objectContaining({ state: 'Pulling', progress: expect.stringMatching(/\d B|[kMG]B \/ /) }),
    );
    expect(states(`Image ${image}`)).toContain('Pulled');
    expect(states('db')).toEqual(expect.arrayContaining(['Started', 'Healthy']));
    expect(states('web')).toEqual(expect.arrayContaining(['Waiting', 'Started']));
    expect(seen('web')).toContainEqual(
      expect.objectContaining({
        state: 'Waiting',
        details: expect.stringMatching(/^ for db to be healthy\b/),
      }),
    );

    const last = screens.at(-1) ?? [];
    expect(rowsOf(last, 'db'), last.join('\n')).toEqual([expect.objectContaining({ state: 'Healthy' })]);
    expect(rowsOf(last, 'web'), last.join('\n')).toEqual([expect.objectContaining({ state: 'Started' })]);
    const boardEnd = Math.max(
      ...['db', 'web'].map((label) => last.findIndex((line) => rowsOf([line], label).length > 0)),
    );
    const dbLog = last.findIndex((line) => /^db-1 +\| db: ready for connections$/.test(line));
    const webLog = last.findIndex((line) => /^web-1 +\| web: serving pages$/.test(line));
    expect(dbLog, last.join('\n')).toBeGreaterThan(boardEnd);
    expect(webLog, last.join('\n')).toBeGreaterThan(boardEnd);
  });

  it('stops gracefully on Ctrl-C', async () => {
    const open = pane;
    if (!open) throw new Error('the previous test did not start up');
    await open.sendKeys('C-c');
    await expect.poll(() => open.exitStatus(), { timeout: 20_000 }).toBeDefined();
    const screen = (await open.capture()).join('\n');
    // docker compose exits 0 after a graceful stop; some releases exit 130 (128 + SIGINT).
    expect([0, 130], screen).toContain(await open.exitStatus());
    expect(screen).toMatch(/gracefully stopping/i);
    expect(await dockerOk(['inspect', '-f', '{{.State.Status}}', `${NAME}-db-1`, `${NAME}-web-1`])).toBe(
      'exited\nexited',
    );
  });
});
