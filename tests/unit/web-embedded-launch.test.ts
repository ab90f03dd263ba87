/**
 * Embedded mode's start (functions/web/embedded/launch.ts): the launch fragment a thin SCORM
 * package's launch page writes is read back field by field, a broken one is a clear error (never
 * the ordinary app), the fragment leaves the address at once, and a reload at /scorm/launch is
 * still embedded.
 */
import { describe, expect, it } from 'vitest';
import { HOSTED_LAUNCH_PATH, launchFragment, type LaunchFragment } from '../../functions/core/scorm/bridge-protocol.js';
import { parseLaunchFragment, takeEmbeddedStart, type LaunchWindow } from '../../functions/web/embedded/launch.js';

const LAUNCH: LaunchFragment = { key: 'k3y-Ab_9/+=', learner: 'student 42', name: 'de Vries, Anna & Co', entry: 'ab-initio', version: '2004' };

describe('parseLaunchFragment', () => {
  it('reads back what the launch page writes, every value percent-decoded', () => {
    expect(parseLaunchFragment(`#${launchFragment(LAUNCH)}`)).toEqual(LAUNCH);
    const resume: LaunchFragment = { ...LAUNCH, entry: 'resume', version: '1.2', name: '' };
    expect(parseLaunchFragment(`#${launchFragment(resume)}`)).toEqual(resume);
  });

  it.each(['', '#', '#/', '#/item/wm1-check', '#/toets', '#learner=x&name=y&version=2004'])('"%s" is no launch fragment', (hash) => {
    expect(parseLaunchFragment(hash)).toBeUndefined();
  });

  it('turns an entry outside the protocol into ""', () => {
    expect(parseLaunchFragment(`#${launchFragment(LAUNCH).replace('entry=ab-initio', 'entry=normal')}`)).toEqual({ ...LAUNCH, entry: '' });
    expect(parseLaunchFragment(`#${launchFragment(LAUNCH).replace('&entry=ab-initio', '')}`)).toEqual({ ...LAUNCH, entry: '' });
  });

  it.each([
    ['an empty key', { key: '' }],
    ['a blank learner', { learner: '  ' }],
    ['an unknown version', { version: '2004 4th' }],
  ])('is invalid with %s', (_, change) => {
    expect(parseLaunchFragment(`#${launchFragment({ ...LAUNCH, ...change } as LaunchFragment)}`)).toBe('invalid');
  });

  it.each(['learner', 'name', 'version'])('is invalid without %s', (field) => {
    const params = new URLSearchParams(launchFragment(LAUNCH));
    params.delete(field);
    expect(parseLaunchFragment(`#${params.toString()}`)).toBe('invalid');
  });

  it('is invalid with a field given twice or absurdly long', () => {
    expect(parseLaunchFragment(`#${launchFragment(LAUNCH)}&key=other`)).toBe('invalid');
    expect(parseLaunchFragment(`#${launchFragment({ ...LAUNCH, learner: 'x'.repeat(1001) })}`)).toBe('invalid');
  });
});

/** A stand-in window: its address, what replaceState did, and a sessionStorage. */
function fakeWindow(pathname: string, hash: string) {
  const replaced: string[] = [];
  const stored = new Map<string, string>();
  const win: LaunchWindow = {
    location: { pathname, hash },
    history: {
      replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => {
        replaced.push(String(url));
        const [path, fragment = ''] = String(url).split('#');
        win.location = { pathname: path!, hash: fragment ? `#${fragment}` : '' };
      },
    },
    sessionStorage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
  };
  return { win, replaced, stored };
}

describe('takeEmbeddedStart', () => {
  it('takes a launch fragment out of the address at once and returns it', () => {
    const { win, replaced } = fakeWindow(HOSTED_LAUNCH_PATH, `#${launchFragment(LAUNCH)}`);
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'launch', fragment: LAUNCH });
    expect(replaced).toEqual([`${HOSTED_LAUNCH_PATH}#/`]);
    expect(win.location.hash).toBe('#/');
  });

  it('takes a broken launch fragment out too, and says it is broken', () => {
    const { win, replaced } = fakeWindow(HOSTED_LAUNCH_PATH, '#key=abc&learner=x');
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'invalid-launch' });
    expect(replaced).toEqual([`${HOSTED_LAUNCH_PATH}#/`]);
  });

  it('is still embedded after a reload at /scorm/launch, with the organisation kept for the tab', () => {
    const { win, stored } = fakeWindow(HOSTED_LAUNCH_PATH, '#/item/wm1-check');
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'embedded', organisation: undefined });
    stored.set('ipg.embedded', JSON.stringify({ organisation: 'Zorggroep Noord' }));
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'embedded', organisation: 'Zorggroep Noord' });
    expect(win.location.hash).toBe('#/item/wm1-check');
  });

  it('leaves the ordinary app alone, even in a tab that was embedded before', () => {
    const { win, replaced, stored } = fakeWindow('/', '#/toets');
    stored.set('ipg.embedded', JSON.stringify({ organisation: 'Zorggroep Noord' }));
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'none' });
    expect(replaced).toEqual([]);
  });

  it('copes with a storage that refuses', () => {
    const { win } = fakeWindow(HOSTED_LAUNCH_PATH, `#${launchFragment(LAUNCH)}`);
    win.sessionStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'launch', fragment: LAUNCH });
    expect(takeEmbeddedStart(win)).toEqual({ kind: 'embedded', organisation: undefined });
  });
});
