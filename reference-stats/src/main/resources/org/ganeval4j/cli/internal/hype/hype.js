// The HYPE page: shows the image the server chose, takes the answer by keyboard (R / F) or buttons,
// and sends it back. It never knows whether an image is real: the server keeps that.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const FIXATION_MS = 500;
  const FEEDBACK_MS = 1200;
  const MAX_SIDE = 320;
  let frameMs = 1000 / 60;
  let name = null;
  let trial = null;
  let state = 'welcome'; // welcome | busy | answering | done
  let onset = 0;
  let shownMs = null;
  let pending = null;

  function frame() {
    return new Promise((resolve) => requestAnimationFrame(resolve));
  }

  async function measureFrames() {
    const t = [];
    for (let i = 0; i < 61; i++) {
      t.push(await frame());
    }
    const d = [];
    for (let i = 1; i < t.length; i++) {
      d.push(t[i] - t[i - 1]);
    }
    d.sort((a, b) => a - b);
    const median = d[Math.floor(d.length / 2)];
    return median > 0 && median < 1000 ? median : 1000 / 60;
  }

  function showOnly(section) {
    for (const s of ['welcome', 'trial', 'done']) {
      $(s).hidden = s !== section;
    }
  }

  function setError(message) {
    $('error').textContent = message || '';
    $('error').hidden = !message;
  }

  async function post(path, body) {
    const r = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      cache: 'no-store', credentials: 'same-origin'
    });
    let j = {};
    try {
      j = await r.json();
    } catch (e) {
      j = {};
    }
    if (!r.ok) {
      const err = new Error(j.error || ('HTTP ' + r.status));
      err.status = r.status;
      throw err;
    }
    return j;
  }

  function enableAnswers(on) {
    $('answer-real').disabled = !on;
    $('answer-fake').disabled = !on;
  }

  function phaseText(t) {
    if (t.phase === 'tutorial') {
      return 'Tutorial (with feedback)';
    }
    if (t.phase === 'qualification') {
      return 'Qualification';
    }
    return t.blocks > 1 ? 'Block ' + (t.block + 1) + ' of ' + t.blocks : 'Session';
  }

  async function start() {
    const n = $('name').value.trim();
    if (!n) {
      return;
    }
    state = 'busy';
    $('start').disabled = true;
    try {
      const s = await post('api/start', { name: n, frame_ms: frameMs });
      name = s.evaluator;
      try {
        localStorage.setItem('hype-name', name);
      } catch (e) { /* private mode: resume by typing the name again */ }
      setError('');
      if (document.activeElement && document.activeElement.blur) {
        document.activeElement.blur();
      }
      await step(s);
    } catch (e) {
      state = 'welcome';
      $('start').disabled = false;
      setError(e.message);
    }
  }

  async function step(s) {
    if (s.feedback) {
      const f = $('feedback');
      f.textContent = (s.feedback.correct ? 'Right' : 'Wrong') + ': it was ' + s.feedback.truth + '.';
      f.className = s.feedback.correct ? 'right' : 'wrong';
      await new Promise((resolve) => setTimeout(resolve, FEEDBACK_MS));
    }
    $('feedback').textContent = '';
    $('feedback').className = '';
    if (s.done) {
      state = 'done';
      $('done-message').textContent = s.message || 'Thank you.';
      showOnly('done');
      try {
        localStorage.removeItem('hype-name');
      } catch (e) { /* ignore */ }
      return;
    }
    await present(s.trial);
  }

  function drawMask(canvas, w, h) {
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    const cell = Math.max(2, Math.round(Math.min(w, h) / 24));
    for (let y = 0; y < h; y += cell) {
      for (let x = 0; x < w; x += cell) {
        const v = Math.floor(Math.random() * 256);
        g.fillStyle = 'rgb(' + v + ',' + v + ',' + v + ')';
        g.fillRect(x, y, cell, cell);
      }
    }
  }

  async function present(t) {
    trial = t;
    state = 'busy';
    enableAnswers(false);
    showOnly('trial');
    $('phase').textContent = phaseText(t);
    $('progress').textContent = t.index + ' / ' + t.count;
    const img = $('image');
    const mask = $('mask');
    const fix = $('fixation');
    img.hidden = true;
    mask.hidden = true;
    fix.hidden = true;
    img.src = t.image;
    try {
      await img.decode();
    } catch (e) {
      setError('The image could not be shown: reload the page.');
      return;
    }
    const w = img.naturalWidth;
    const h = img.naturalHeight;
    const scale = Math.max(w, h) <= MAX_SIDE ? Math.floor(MAX_SIDE / Math.max(w, h)) : MAX_SIDE / Math.max(w, h);
    const stage = $('stage');
    stage.style.width = Math.round(w * scale) + 'px';
    stage.style.height = Math.round(h * scale) + 'px';
    img.className = scale >= 2 ? 'pixelated' : '';
    shownMs = null;
    if (!t.timed) {
      // a change made right after a frame's callbacks is painted in that frame: its time is the onset
      onset = await frame();
      img.hidden = false;
      state = 'answering';
      enableAnswers(true);
      return;
    }
    drawMask(mask, Math.min(256, w * 4), Math.min(256, h * 4));
    fix.hidden = false;
    const fixFrames = Math.max(1, Math.round(FIXATION_MS / frameMs));
    for (let i = 0; i < fixFrames; i++) {
      await frame();
    }
    onset = await frame();
    fix.hidden = true;
    img.hidden = false;
    let last = onset;
    for (let i = 0; i < t.frames; i++) {
      last = await frame();
    }
    img.hidden = true;
    mask.hidden = false;
    shownMs = last - onset;
    state = 'answering';
    enableAnswers(true);
  }

  async function answer(a) {
    if (state !== 'answering') {
      return;
    }
    state = 'busy';
    enableAnswers(false);
    pending = { trial: trial.id, answer: a, rt_ms: performance.now() - onset, shown_ms: shownMs };
    await send();
  }

  async function send() {
    try {
      const s = await post('api/answer', pending);
      pending = null;
      setError('');
      await step(s);
    } catch (e) {
      if (e.status === 409) {
        // the server no longer knows this trial (it restarted): resume where it says we are
        pending = null;
        setError('');
        try {
          await step(await post('api/start', { name: name, frame_ms: frameMs }));
        } catch (e2) {
          setError(e2.message);
        }
      } else if (e.status === undefined || e.status === 503) {
        setError('Connection lost: retrying…');
        setTimeout(send, 2000);
      } else {
        setError(e.message);
      }
    }
  }

  document.addEventListener('keydown', (ev) => {
    if (ev.target && ev.target.tagName === 'INPUT') {
      return;
    }
    if (ev.repeat || ev.ctrlKey || ev.metaKey || ev.altKey) {
      return;
    }
    const k = ev.key.toLowerCase();
    if (k === 'r') {
      ev.preventDefault();
      answer('real');
    } else if (k === 'f') {
      ev.preventDefault();
      answer('fake');
    }
  });
  $('answer-real').addEventListener('click', () => answer('real'));
  $('answer-fake').addEventListener('click', () => answer('fake'));
  $('start-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (state === 'welcome') {
      start();
    }
  });

  (async function init() {
    let saved = null;
    try {
      saved = localStorage.getItem('hype-name');
    } catch (e) { /* ignore */ }
    if (saved) {
      $('name').value = saved;
      $('welcome-back').hidden = false;
    }
    $('name').focus();
    try {
      const r = await fetch('api/info', { cache: 'no-store' });
      const info = await r.json();
      if (info.mode === 'time') {
        $('intro-time').hidden = false;
      }
      if (!info.tutorial && !info.qualification) {
        $('intro-phases').hidden = true;
      }
    } catch (e) { /* the start request reports a dead server */ }
    frameMs = await measureFrames();
    $('display').textContent = 'Display: one frame every ' + frameMs.toFixed(1) + ' ms (' +
      (1000 / frameMs).toFixed(0) + ' Hz).';
  })();
})();
