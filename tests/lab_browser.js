// Page-side helpers for tests/lab_browser.py, installed in the page before JupyterLab loads.
// They use window.jupyterapp (JupyterLab started with expose_app_in_browser) to open, run and
// close notebooks with the same commands the menus call, and read what the page shows through
// the SliderFigure DOM contract: .bp-view > .bp-control, .bp-readout, .bp-picture.
window.__bp = (() => {
  const WIDGET = 'application/vnd.jupyter.widget-view+json';
  const bp = {current: null, panels: {}, runs: {}, lastChange: 0, viewEls: [], armed: null};
  const painted = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const app = () => window.jupyterapp;
  const now = () => performance.now();

  bp.ready = async () => {
    await app().started;
    await app().restored;
    // The file browser stays open, as JupyterLab starts: the notebook's content column is then
    // ~840 px wide at a 1280 px window, the width the series' pictures are designed for.
    for (const widget of [...app().shell.widgets('main')]) widget.dispose();  // the Launcher tab
    // A picture of the notebook being driven that gets a new src marks the page as "still
    // changing" (see settled()); pictures of other open notebooks do not count.
    new MutationObserver(records => {
      if (records.some(r => r.target.classList && r.target.classList.contains('bp-picture')
                            && bp.current && bp.current.node.contains(r.target))) bp.lastChange = now();
    }).observe(document.body, {attributes: true, attributeFilter: ['src'], subtree: true});
  };

  // Open a notebook and start "Clear Outputs of All Cells" + "Run All Cells" on it, in the
  // front tab or (activate false) in a background tab, and return at once: the run is tracked
  // in bp.runs[path] (see runDone). The commands get the panel's id, so a background notebook
  // runs without being brought to the front.
  bp.start = async (path, activate) => {
    const run = bp.runs[path] = {done: false, ok: null, seconds: null, error: null, dirtyOnOpen: null};
    const panel = await app().commands.execute('docmanager:open', {path, factory: 'Notebook', options: {activate}});
    bp.panels[path] = panel;
    if (activate) bp.current = panel;
    (async () => {
      try {
        await panel.context.ready;
        await panel.sessionContext.ready;
        // JupyterLab rewrites what it does not accept as written (a kernelspec display name, a
        // hidden output without collapsed) while the notebook opens: the tab then shows unsaved
        // changes before anything ran. Read it once the kernel has answered, before Run All.
        const kernel = kernelOf(panel);
        if (kernel) await kernel.info;
        await painted();
        run.dirtyOnOpen = panel.context.model.dirty;
        const target = {widgetId: panel.id, activate: false};
        const start = now();
        await app().commands.execute('notebook:clear-all-cell-outputs', target);
        run.ok = await app().commands.execute('notebook:run-all-cells', target);
        run.seconds = (now() - start) / 1000;
      } catch (e) {
        run.error = String(e);
      } finally {
        run.done = true;
      }
    })();
  };

  const kernelOf = panel => panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  const idle = panel => {
    const kernel = kernelOf(panel);
    return !!kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected';
  };

  bp.runDone = path => bp.runs[path].done && idle(bp.panels[path]);
  bp.run = path => bp.runs[path];

  bp.activate = async path => {
    bp.current = bp.panels[path];
    app().shell.activateById(bp.current.id);
    await painted();
  };

  bp.kernel = () => kernelOf(bp.current);
  bp.kernelIdle = () => idle(bp.current);

  bp.settled = quiet => {
    const pictures = bp.current ? [...bp.current.node.querySelectorAll('img.bp-picture')] : [];
    return bp.kernelIdle() && now() - bp.lastChange > quiet && pictures.every(img => img.complete);
  };

  // Close the notebook (nothing saved) and shut its kernel down without waiting for it to exit.
  bp.close = path => {
    const panel = bp.panels[path];
    delete bp.panels[path];
    if (bp.current === panel) bp.current = null;
    if (!panel) return;
    panel.sessionContext.shutdown().catch(() => null);
    panel.context.model.dirty = false;
    panel.dispose();
  };

  // Error/stderr outputs, code cells that did not run, widgets that failed to display.
  bp.errors = () => {
    const found = [];
    bp.current.content.widgets.forEach((cell, c) => {
      if (cell.model.type !== 'code') return;
      const source = cell.model.sharedModel.getSource().split('\n')[0].slice(0, 60);
      if (cell.model.executionCount === null) found.push(`cell ${c} did not run: ${source}`);
      for (const output of cell.model.outputs.toJSON()) {
        if (output.output_type === 'error') found.push(`cell ${c} error: ${output.ename}: ${output.evalue}`);
        if (output.output_type === 'stream' && output.name === 'stderr') found.push(`cell ${c} stderr: ${output.text}`);
      }
      const text = cell.node.querySelector('.jp-Cell-outputWrapper');
      if (text && /Error displaying widget|Error rendering/.test(text.innerText)) {
        found.push(`cell ${c} shows: ${text.innerText.slice(0, 200)}`);
      }
    });
    const run = Object.entries(bp.runs).find(([path]) => bp.panels[path] === bp.current);
    if (run && run[1].ok === false) found.push('Run All stopped early (a cell failed)');
    if (run && run[1].error) found.push(`Run All failed: ${run[1].error}`);
    return found;
  };

  // What Run All put in front of the learner that gives an answer away: a verdict "correct!" in an
  // output (worked solutions are Markdown and never run), or a worked solution shown (its heading unfolded).
  bp.answersShown = () => {
    const found = [];
    bp.current.content.widgets.forEach((cell, c) => {
      const shown = cell.node.querySelector('.jp-Cell-outputWrapper');
      if (cell.model.type === 'code' && shown && /correct!/.test(shown.innerText)) {
        found.push(`cell ${c} shows: ${shown.innerText.slice(0, 120)}`);
      }
      const source = cell.model.sharedModel.getSource();
      if (cell.model.type === 'markdown' && source.includes('It prints:') && !cell.isHidden) {
        found.push(`cell ${c}: a worked solution is not folded`);
      }
    });
    return found;
  };

  // --- views and controls, as the page shows them -------------------------------------------
  const own = (view, selector) => [...view.querySelectorAll(selector)].filter(e => e.closest('.bp-view') === view);

  const text = el => (el ? el.innerText : '').replace(/\u200b/g, '').trim();

  bp.describeControl = el => {
    const label = text(el.querySelector('.widget-label')) || text(el.querySelector('.widget-label-basic'))
                  || el.getAttribute('title') || '';
    if (el.querySelector('.noUi-handle')) {
      const readout = el.querySelector('.widget-readout');
      const handle = el.querySelector('.noUi-handle');
      return {kind: 'slider', label, value: readout ? readout.innerText.trim() : handle.getAttribute('aria-valuenow')};
    }
    const select = el.querySelector('select');
    if (select) return {kind: 'dropdown', label, value: select.selectedOptions.length ? select.selectedOptions[0].textContent : null};
    if (el.classList.contains('widget-toggle-buttons')) {
      const active = el.querySelector('button.mod-active');
      return {kind: 'toggle', label, value: active ? active.innerText.trim() : null};
    }
    if (el.classList.contains('bp-play')) {  // Play/Pause, named after the slider it plays, its neighbour
      const slider = el.parentElement && el.parentElement.querySelector('.widget-slider .widget-label');
      return {kind: 'play', label: `play ${text(slider) || label}`.trim(), value: null};
    }
    const box = el.querySelector('input[type=checkbox]');
    if (box) return {kind: 'checkbox', label, value: box.checked};
    if (el.tagName === 'BUTTON') {
      return {kind: 'toggle-button', label: label || text(el), value: el.classList.contains('mod-active')};
    }
    return {kind: 'other', label, value: null};
  };

  bp.picture = view => own(view, '.bp-picture').map(e => (e.tagName === 'IMG' ? e : e.querySelector('img'))).filter(Boolean)[0];

  bp.describe = view => {
    const img = bp.picture(view);
    const box = img ? img.getBoundingClientRect() : null;
    return {
      controls: own(view, '.bp-control').map(bp.describeControl),
      readout: own(view, '.bp-readout').map(e => e.innerText).join(' ').trim(),
      picture: img ? {displayed: box.width, height: box.height, natural: img.naturalWidth, style: img.style.width} : null,
    };
  };

  // Controls that do not fit the space the notebook gives them, as laid out now: a control (or a
  // slider's handle, track or number) that runs past the right edge of its output area, or toggle
  // buttons that wrap onto a second row. ``where`` names the layout in each message.
  bp.fit = where => {
    const found = [];
    bp.viewEls.forEach((view, v) => {
      const area = view.closest('.jp-OutputArea-output') || view;
      const right = area.getBoundingClientRect().right + 1;
      for (const el of own(view, '.bp-control')) {
        const name = bp.describeControl(el).label || el.className;
        const parts = [el, ...el.querySelectorAll('.noUi-handle, .noUi-target, .widget-readout, button, select')];
        const over = parts.filter(p => p.getClientRects().length && p.getBoundingClientRect().right > right);
        if (over.length) {
          const worst = over.reduce((a, b) => (b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a));
          const by = worst.getBoundingClientRect().right - right + 1;
          const part = worst === el ? 'it' : `its ${worst.className.split(' ')[0] || worst.tagName.toLowerCase()}`;
          found.push(`${where}: view ${v + 1}, ${name}: ${part} runs ${by.toFixed(0)} px past the notebook's edge`);
        }
        const rows = new Set([...el.querySelectorAll('button')].map(b => Math.round(b.getBoundingClientRect().top)));
        if (el.classList.contains('widget-toggle-buttons') && rows.size > 1) {
          found.push(`${where}: view ${v + 1}, ${name}: its buttons wrap onto ${rows.size} rows`);
        }
      }
    });
    return found;
  };

  // Open (true) or close the file browser and the rest of the left sidebar.
  bp.sidebar = async open => {
    if (app().shell.leftCollapsed === open) app().shell.leftCollapsed ? app().shell.expandLeft() : app().shell.collapseLeft();
    await painted();
  };

  bp.views = () => {
    const out = [];
    bp.viewEls = [];
    bp.current.content.widgets.forEach((cell, c) => {
      if (cell.model.type !== 'code') return;
      const outputs = cell.model.outputs;
      for (let o = 0; o < outputs.length; o++) {
        const data = outputs.get(o).data[WIDGET];
        const child = cell.outputArea.widgets[o];
        if (!data || !child) continue;
        [...child.node.querySelectorAll('.bp-view')].forEach((el, within) => {
          bp.viewEls.push(el);
          out.push({index: out.length, cell: c, output: o, within, model: data.model_id, ...bp.describe(el)});
        });
      }
    });
    return out;
  };

  // Controls in widget outputs that are not part of any bp-view: nothing tells the test what they drive.
  bp.uncovered = () => {
    const found = [];
    const interactive = ['.widget-slider', '.widget-dropdown', '.widget-toggle-buttons', '.widget-play',
                         '.widget-checkbox', '.widget-toggle-button', '.widget-button'].map(c => `.jp-OutputArea-output ${c}`).join(', ');
    bp.current.content.widgets.forEach((cell, c) => {
      for (const el of cell.node.querySelectorAll(interactive)) {
        const {kind, label} = bp.describeControl(el);
        if (!el.closest('.bp-view')) found.push(`cell ${c}: ${kind} '${label}'`);
      }
    });
    return found;
  };

  // Run Python in the notebook's kernel through the page's own connection (not a cell: the
  // notebook shows nothing, the history is not touched) and return what it printed.
  bp.probe = async code => {
    let text = '';
    const future = bp.kernel().requestExecute({code, silent: false, store_history: false, stop_on_error: false});
    future.onIOPub = msg => {
      if (msg.header.msg_type === 'stream') text += msg.content.text;
    };
    const reply = await future.done;
    if (reply.content.status !== 'ok') throw new Error(`kernel probe failed: ${reply.content.ename}: ${reply.content.evalue}`);
    return text;
  };

  // --- one key press on one control ---------------------------------------------------------
  const pixels = img => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d', {willReadFrequently: true});
    context.drawImage(img, 0, 0);
    return context.getImageData(0, 0, canvas.width, canvas.height);
  };

  const changedShare = (a, b) => {
    if (!a || !b || a.width !== b.width || a.height !== b.height) return 1;
    let changed = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      if (a.data[i] !== b.data[i] || a.data[i + 1] !== b.data[i + 1] || a.data[i + 2] !== b.data[i + 2]) changed++;
    }
    return changed / (a.width * a.height);
  };

  // Which element gets focus and which key moves the control one step in `direction` (+1/-1),
  // turned round at the ends of its range.
  const plan = (el, kind, direction) => {
    if (kind === 'slider') {
      const handle = el.querySelector('.noUi-handle');
      const at = +handle.getAttribute('aria-valuenow');
      if (direction > 0 && at >= +handle.getAttribute('aria-valuemax')) direction = -1;
      else if (direction < 0 && at <= +handle.getAttribute('aria-valuemin')) direction = 1;
      const [up, down] = el.classList.contains('widget-vslider') ? ['ArrowUp', 'ArrowDown'] : ['ArrowRight', 'ArrowLeft'];
      return {target: handle, direction, keys: [direction > 0 ? up : down]};
    }
    if (kind === 'dropdown') {
      // ArrowDown on a closed drop-down is taken by JupyterLab (next cell), so, as a keyboard
      // user does: open it (Alt+ArrowDown), step, choose (Enter).
      const select = el.querySelector('select');
      if (direction > 0 && select.selectedIndex >= select.options.length - 1) direction = -1;
      else if (direction < 0 && select.selectedIndex <= 0) direction = 1;
      return {target: select, direction, keys: ['Alt+ArrowDown', direction > 0 ? 'ArrowDown' : 'ArrowUp', 'Enter']};
    }
    if (kind === 'toggle') {
      const buttons = [...el.querySelectorAll('button')];
      const active = buttons.findIndex(b => b.classList.contains('mod-active'));
      if (active + direction < 0 || active + direction >= buttons.length) direction = -direction;
      return {target: buttons[Math.max(0, Math.min(buttons.length - 1, active + direction))], direction, keys: ['Space']};
    }
    if (kind === 'play') return {target: el, keys: ['Space'], stop: true};  // Space plays; Space again pauses
    if (kind === 'checkbox') return {target: el.querySelector('input'), keys: ['Space']};
    return {target: el, keys: ['Space']};
  };

  bp.arm = (v, c, direction) => {
    const view = bp.viewEls[v];
    const el = own(view, '.bp-control')[c];
    const control = bp.describeControl(el);
    const img = bp.picture(view);
    const {target, keys, stop, direction: used} = plan(el, control.kind, direction);
    view.scrollIntoView({block: 'center'});
    const armed = bp.armed = {keydown: null, src: null, loaded: null, done: false, before: img ? pixels(img) : null,
                              after: null, view: v, control: c};
    // The clock starts at the last key (or the input/change it causes: a drop-down's Enter goes
    // to its popup, not the page) before the picture changes.
    const input = () => { if (armed.src === null) armed.keydown = now(); };
    for (const type of ['keydown', 'input', 'change']) window.addEventListener(type, input, {capture: true});
    armed.unlisten = () => {
      for (const type of ['keydown', 'input', 'change']) window.removeEventListener(type, input, {capture: true});
    };
    if (img) {
      const observer = new MutationObserver(async () => {
        if (armed.keydown === null || armed.src !== null) return;
        armed.src = now();
        observer.disconnect();
        try { await img.decode(); } catch (e) { /* a newer src replaced it: still a new picture */ }
        armed.loaded = now();
        armed.after = pixels(img);
        armed.done = true;
      });
      observer.observe(img, {attributes: true, attributeFilter: ['src']});
      armed.observer = observer;
    }
    target.focus();
    return {keys, stop, direction: used || direction, shownBefore: control.value, readoutBefore: bp.describe(view).readout};
  };

  bp.focusControl = (v, c) => own(bp.viewEls[v], '.bp-control')[c].focus();

  bp.result = () => {
    const armed = bp.armed;
    if (armed.observer) armed.observer.disconnect();
    armed.unlisten();
    const view = bp.viewEls[armed.view];
    const described = bp.describe(view);
    return {
      latency: armed.done ? armed.loaded - armed.keydown : null,
      changed: armed.done ? changedShare(armed.before, armed.after) : 0,
      shownAfter: described.controls[armed.control].value,
      readoutAfter: described.readout,
    };
  };

  // --- a film: what a playing view shows on every animation frame ---------------------------
  // Which frame the picture shows: the kernel sends the picture with the class bp-frame-<value> in one
  // message; the new picture is on screen once its src has loaded, so the frame is read at 'load'.
  const frameOf = img => {
    const found = [...img.classList].find(c => c.startsWith('bp-frame-'));
    return found === undefined ? null : found.slice('bp-frame-'.length);
  };
  const number = s => { const m = /-?\d+(?:\.\d+)?/.exec(s || ''); return m ? m[0] : null; };

  // Start sampling view v: on every animation frame, the slider's number, the epoch its readout names
  // and the frame its picture shows (see frameOf); focus its Play button (the caller presses Space).
  bp.filmStart = v => {
    const view = bp.viewEls[v];
    const img = bp.picture(view);
    const slider = own(view, '.bp-control').find(el => el.querySelector('.noUi-handle'));
    const play = own(view, '.bp-play')[0];
    view.scrollIntoView({block: 'center'});
    const film = bp.film = {samples: [], on: true, shown: img.complete ? frameOf(img) : null, loads: 0};
    film.onload = () => { film.shown = frameOf(img); film.loads++; };
    img.addEventListener('load', film.onload);
    const sample = () => {
      if (!film.on) return;
      const readout = own(view, '.bp-readout').map(e => e.innerText).join(' ');
      const m = /epoch (\d+)/.exec(readout);
      film.samples.push({t: now(), slider: number(text(slider.querySelector('.widget-readout'))),
                         readout: m ? m[1] : null, picture: film.shown});
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    play.focus();
    return {play: text(play)};
  };

  bp.filmStop = v => {
    const film = bp.film;
    film.on = false;
    bp.picture(bp.viewEls[v]).removeEventListener('load', film.onload);
    return {samples: film.samples, loads: film.loads};
  };

  // What view v shows now: the Play button's word, the slider's number, the readout's epoch, the picture's frame.
  bp.filmNow = v => {
    const view = bp.viewEls[v];
    const img = bp.picture(view);
    const slider = own(view, '.bp-control').find(el => el.querySelector('.noUi-handle'));
    const m = /epoch (\d+)/.exec(own(view, '.bp-readout').map(e => e.innerText).join(' '));
    return {play: text(own(view, '.bp-play')[0]), slider: number(text(slider.querySelector('.widget-readout'))),
            readout: m ? m[1] : null, picture: img.complete ? frameOf(img) : null};
  };

  // Focus a part of view v for a key press: 'play', 'start' or the played slider's 'handle'.
  bp.focusPart = (v, part) => {
    const view = bp.viewEls[v];
    const el = part === 'handle' ? own(view, '.noUi-handle')[0] : own(view, `.bp-${part}`)[0];
    el.scrollIntoView({block: 'center'});
    el.focus();
  };

  // --- looks: theme, scrolling --------------------------------------------------------------
  bp.setTheme = async name => {
    await app().commands.execute('apputils:change-theme', {theme: name});
    for (let i = 0; i < 200 && document.body.dataset.jpThemeName !== name; i++) await new Promise(r => setTimeout(r, 25));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  };

  const scroller = () => bp.current.node.querySelector('.jp-WindowedPanel-outer');

  bp.scrollTo = async selector => {
    const el = bp.current.node.querySelector(selector);
    if (!el) return false;
    const box = scroller();
    box.scrollTop += el.getBoundingClientRect().top - box.getBoundingClientRect().top - 20;
    await painted();
    return true;
  };

  bp.scrollTop = async () => { scroller().scrollTo(0, 0); await painted(); };

  // Scroll one screen down; false when the last cell is already in view (no more pages).
  bp.scrollPage = async () => {
    const box = scroller();
    const cells = box.querySelectorAll('.jp-Cell');
    const last = cells[cells.length - 1];
    if (!last || last.getBoundingClientRect().bottom <= box.getBoundingClientRect().bottom) return false;
    const before = box.scrollTop;
    box.scrollBy(0, box.clientHeight * 0.9);
    await painted();
    return box.scrollTop !== before;
  };

  return bp;
})();
