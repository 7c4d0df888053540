// The app shell: holds the state, turns keys into actions, runs queued effects after each render, and
// draws the current screen. Screens only read the state.
import { useEffect, useReducer, useRef } from 'react';
import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import type { Effect, State } from './state.js';
import type { Effects } from './effects.js';
import type { Theme } from './theme.js';
import type { AnalysedData } from './data.js';
import { reduce, type Action } from './reduce.js';
import { keysOf } from './keymap.js';
import { formatDraft } from './draft.js';
import { MIN_HEIGHT, MIN_WIDTH } from './layout.js';
import { ThemeContext } from './row-view.js';
import { OverviewScreen } from './overview-screen.js';
import { PatchScreen } from './patch-screen.js';
import { ThreadScreen } from './thread-screen.js';
import { MessageScreen } from './message-screen.js';
import { DiscussionScreen } from './discussion-screen.js';
import { HelpScreen } from './help-screen.js';
import { StatusLine } from './status-line.js';
import { isTrackEffect, runTrackEffect } from './track-effects.js';
import { runWindowEffect } from './window-effects.js';

export interface AppProps {
  initial: State;
  effects: Effects;
  theme: Theme;
  /** Follow the terminal's size (false in tests, which fix it in the initial state). */
  followResize?: boolean;
  /** Called with every state after it is drawn (tests, and the first-frame benchmark). */
  onState?: (s: State) => void;
  /** Findings and sections still being computed (launch.ts): merged in when they arrive. */
  pending?: Promise<AnalysedData>;
}

function runEffect(e: Effect, fx: Effects, dispatch: (a: Action) => void): void {
  if (isTrackEffect(e)) {
    runTrackEffect(e, fx, dispatch);
    return;
  }
  if (e.kind === 'loadWindow') {
    runWindowEffect(e, fx, dispatch);
    return;
  }
  if (e.kind === 'saveReviewed') {
    // The store may be a database server: saving can take a moment, and quitting waits for it.
    (async () => {
      for (const s of e.series) await fx.saveReviewed(s.id, s.reviewed);
    })().then(
      () => dispatch({ type: 'saved', snapshot: e.snapshot, thenExit: e.thenExit }),
      (err) => dispatch({ type: 'saved', snapshot: e.snapshot, thenExit: false, error: (err as Error).message }),
    );
    return;
  }
  let path: string;
  try {
    path = fx.writeDraft(e.seriesId, e.name, formatDraft(e.draft, fx.identity()));
  } catch (err) {
    dispatch({ type: 'drafted', path: null, error: (err as Error).message });
    return;
  }
  const error = fx.edit(path);
  dispatch({ type: 'drafted', path, error: error ?? undefined });
}

function Body({ state }: { state: State }) {
  if (state.width < MIN_WIDTH || state.height < MIN_HEIGHT) {
    return <Text>{`Terminal too small (${state.width}x${state.height}); lorescope needs ${MIN_WIDTH}x${MIN_HEIGHT}. q quits.`}</Text>;
  }
  if (state.overlay?.kind === 'help') return <HelpScreen width={state.width} height={state.height} top={state.overlay.top} />;
  switch (state.screen) {
    case 'overview': return <OverviewScreen state={state} />;
    case 'patch': return <PatchScreen state={state} />;
    case 'thread': return <ThreadScreen state={state} />;
    case 'message': return <MessageScreen state={state} />;
    case 'discussion': return <DiscussionScreen state={state} />;
  }
}

export function App({ initial, effects, theme, followResize = false, onState, pending }: AppProps) {
  const [state, dispatch] = useReducer(reduce, initial);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const taken = useRef(0);

  // Without a terminal to read keys from (the first-frame benchmark) there is no raw mode to ask for.
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const k of keysOf(input, key)) dispatch({ type: 'key', name: k.name, text: k.text });
    },
    { isActive: isRawModeSupported === true },
  );

  useEffect(() => {
    if (!followResize) return;
    const onResize = () => dispatch({ type: 'resize', width: stdout.columns || state.width, height: stdout.rows || state.height });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, followResize]);

  // The review state from the store, once (its view was read before the UI started).
  useEffect(() => {
    const view = effects.trackView();
    if (view) dispatch({ type: 'track', view });
  }, [effects]);

  useEffect(() => {
    if (!pending) return;
    let live = true;
    pending.then(
      (u) => live && dispatch({ type: 'analysed', data: u.data, warnings: u.warnings }),
      (e: unknown) => live && dispatch({ type: 'analysed', error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [pending]);

  useEffect(() => {
    const todo = state.effects.filter((e) => e.id > taken.current);
    if (!todo.length) return;
    taken.current = todo[todo.length - 1].id;
    dispatch({ type: 'effectsTaken', upTo: taken.current });
    for (const e of todo) runEffect(e, effects, dispatch);
  }, [state.effects, effects]);

  useEffect(() => {
    onState?.(state);
    if (state.exit && state.effects.length === 0) exit();
  }, [state, exit, onState]);

  const small = state.width < MIN_WIDTH || state.height < MIN_HEIGHT;
  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={state.width} height={small ? undefined : state.height}>
        <Box flexDirection="column" flexGrow={1}>
          <Body state={state} />
        </Box>
        {!small && <StatusLine state={state} />}
      </Box>
    </ThemeContext.Provider>
  );
}
