// The reviewer's workbench: one key decides, the next item is prefetched, a decision is
// held for the undo window before it is sent (so a review gets exactly one verdict and
// the log shows only what was really decided), pending work is flushed on page exit.
(function () {
  'use strict';
  const main = document.getElementById('main');
  const undoMs = Number(main.dataset.undoMs || 5000);
  const breakMs = Number(main.dataset.breakMs || 3000000);
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const header = document.querySelector('meta[name="csrf-header"]').content;
  const $ = (id) => document.getElementById(id);

  let current = null;     // the item shown
  const ahead = [];       // prefetched items, claimed for this reviewer
  let fetching = null;    // a claim in flight
  let pending = null;     // the decision held for the undo window
  let selected = new Set();
  let decided = 0;
  let keyAt = null;       // when the deciding key was pressed
  window.vetterTimings = [];  // key press to next item painted, ms (read by the benchmark)

  function post(url, params) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { [header]: token, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: params ? params.toString() : ''
    });
  }

  async function claim(url) {
    const r = await post(url);
    if (r.status === 204) { return null; }
    if (!r.ok) { throw new Error('claim failed: ' + r.status); }
    return r.json();
  }

  function say(text) {
    const m = $('message');
    m.textContent = text;
    m.hidden = !text;
  }

  function refill() {
    if (fetching || ahead.length >= 1) { return; }
    fetching = claim('/console/review/api/claim-ahead').then((item) => {
      fetching = null;
      if (item) {
        ahead.push(item);
        if (!current) { next(); }
      }
    }, (e) => { fetching = null; say(e.message); });
  }

  function next() {
    current = ahead.shift() || null;
    selected = current ? preselect(current) : new Set();
    show(current);
    refill();
  }

  // The machine's findings in Vetter's own vocabulary (content.machineResult): a task's
  // checks (text and image scans), or a job's checks over frames or speech, its audio track's
  // and an image job's. Items queued before it was kept carry only the Green document
  // (content.machine), read into the same shape.
  function machine(item) {
    const c = item.content || {};
    if (c.machineResult) {
      const m = c.machineResult;
      return { checks: [].concat(m.checks || [], m.audioChecks || [], m.imageChecks || []) };
    }
    return c.machine ? fromGreen(c.machine) : null;
  }

  function fromGreen(g) {
    const check = (r) => ({
      name: r.scene, label: r.label, suggestion: r.suggestion, rate: r.rate,
      textFindings: (r.details || []).filter((d) => d.contexts).map((d) => ({
        label: d.label,
        matches: d.contexts.map((x) => ({ text: x.context,
          positions: (x.positions || []).map((p) => ({ start: p.startPos, end: p.endPos })),
          library: x.libName ? { name: x.libName } : null }))
      })),
      hits: (r.details || []).filter((d) => !d.contexts).map((d) => ({ label: d.label }))
    });
    return { checks: (g.results || []).map(check) };
  }

  function preselect(item) {
    const found = new Set();
    const m = machine(item);
    (m && m.checks || []).forEach((r) => {
      if (r.label && item.labels.includes(r.label)) { found.add(r.label); }
      (r.textFindings || []).concat(r.hits || []).forEach((d) => {
        if (item.labels.includes(d.label)) { found.add(d.label); }
      });
    });
    return found;
  }

  function hits(item) {
    const out = [];
    const m = machine(item);
    (m && m.checks || []).forEach((r) => (r.textFindings || []).forEach((f) => (f.matches || []).forEach((x) =>
      (x.positions || []).forEach((p) => out.push({ start: p.start, end: p.end, label: f.label,
        lib: x.library ? x.library.name : undefined })))));
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }

  function renderText(el, text, marks) {
    el.textContent = '';
    let at = 0;
    marks.forEach((h) => {
      if (h.start < at || h.end > text.length || h.end <= h.start) { return; }
      el.append(document.createTextNode(text.slice(at, h.start)));
      const mark = document.createElement('mark');
      mark.textContent = text.slice(h.start, h.end);
      mark.title = h.label + (h.lib ? ' (library ' + h.lib + ')' : '');
      el.append(mark);
      at = h.end;
    });
    el.append(document.createTextNode(text.slice(at)));
  }

  function show(item) {
    $('item').hidden = !item;
    $('empty').hidden = !!item;
    if (!item) {
      // nothing of the last item goes on playing or showing behind the empty queue
      $('media').textContent = '';
      $('item').removeAttribute('data-item-id');
      $('deadline').textContent = '';
      return;
    }
    $('item').dataset.itemId = item.id;
    $('kind').textContent = item.kind;
    $('task').textContent = item.taskId;
    const c = item.content || {};
    const text = $('text');
    text.hidden = c.text === undefined;
    if (c.text !== undefined) { renderText(text, c.text, hits(item)); }
    renderMedia(item);
    const findings = $('findings');
    findings.textContent = '';
    const m = machine(item);
    if (!m) {
      findings.append(li('Human-only task: no machine findings.'));
    } else {
      m.checks.forEach((r) => findings.append(li(r.name + ': ' + r.suggestion + ' / ' + r.label + ' (' + r.rate + ')')));
      hits(item).forEach((h) => findings.append(li('"' + (c.text || '').slice(h.start, h.end) + '" at ' + h.start + '-' + h.end + ': ' + h.label)));
      imageFindings(c.image).forEach((text) => findings.append(li(text)));
    }
    $('criteria').textContent = item.criteria || '(no criteria given)';
    const earlier = $('earlier');
    earlier.textContent = '';
    $('earlier-box').hidden = !(item.earlier && item.earlier.length);
    (item.earlier || []).forEach((d) => earlier.append(li('reviewer ' + d.reviewerId + ': ' + d.suggestion
      + (d.labels.length ? ' [' + d.labels.join(', ') + ']' : '') + (d.note ? ' - ' + d.note : ''))));
    renderLabels();
    tick();
    if (keyAt !== null) {
      const started = keyAt;
      keyAt = null;
      requestAnimationFrame(() => setTimeout(() => window.vetterTimings.push(performance.now() - started), 0));
    }
  }

  function li(text) { const e = document.createElement('li'); e.textContent = text; return e; }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function seconds(t) {
    const s = Math.max(0, Number(t) || 0);
    return Math.floor(s / 60) + ':' + (s % 60).toFixed(1).padStart(4, '0');
  }

  // The item's media: the stored bytes (served by the console to reviewers who may see the
  // item), veiled until revealed; without stored media the URL is shown as text, never loaded
  // (with the reason when a human-only task's media could not be fetched).
  function renderMedia(item) {
    const media = $('media');
    const c = item.content || {};
    media.textContent = '';
    media.classList.add('veiled');
    media.hidden = !item.media && !c.url;
    if (!item.media) {
      if (c.url) { media.append(el('p', 'placeholder', item.kind + ' at ' + c.url)); }
      // a human-only task whose media could not be fetched: why, so the reviewer can judge
      if (c.mediaError) { media.append(el('p', 'media-error', 'Not fetched: ' + c.mediaError)); }
      return;
    }
    if (item.kind === 'image') {
      renderImage(media, item, c.image || {});
    } else if (item.kind === 'video') {
      const video = el('video', 'player');
      video.controls = true;
      video.muted = true;
      video.preload = 'metadata';
      video.src = item.media.url;
      video.setAttribute('aria-label', 'Video of task ' + item.taskId + ' (muted)');
      media.append(video);
      renderFrames(media, item, c.frames || [], video);
      renderTranscript(media, c, video);
    } else {
      const audio = el('audio', 'player');
      audio.controls = true;
      audio.muted = true;
      audio.preload = 'metadata';
      audio.src = item.media.url;
      audio.setAttribute('aria-label', 'Audio of task ' + item.taskId + ' (muted until played)');
      // well-being: nothing is heard until the reviewer plays it
      audio.addEventListener('play', () => { audio.muted = false; }, { once: true });
      media.append(audio);
      renderTranscript(media, c, audio);
    }
  }

  // The image with the QR codes and OCR lines boxed over it: boxes are in the original
  // image's pixels, placed in percent of its natural size so they follow the displayed size.
  function renderImage(media, item, found) {
    const stage = el('figure', 'stage');
    const img = el('img');
    img.id = 'media-image';
    img.alt = 'Image of task ' + item.taskId;
    const boxes = [];
    (found.qrcodes || []).forEach((q) => boxes.push({ b: q, cls: 'box qr', title: 'QR code: ' + q.text }));
    (found.ocrLines || []).forEach((l) => boxes.push({ b: l, cls: 'box ocr' + (l.hit ? ' hit' : ''),
      title: (l.hit ? 'Hit words in: ' : 'Text: ') + l.text }));
    const place = () => {
      const w = img.naturalWidth;
      const h = img.naturalHeight;
      if (!w || !h) { return; }
      stage.querySelectorAll('.box').forEach((e) => e.remove());
      boxes.forEach((x) => {
        const box = el('div', x.cls);
        box.title = x.title;
        box.style.left = (100 * x.b.x / w) + '%';
        box.style.top = (100 * x.b.y / h) + '%';
        box.style.width = (100 * x.b.w / w) + '%';
        box.style.height = (100 * x.b.h / h) + '%';
        stage.append(box);
      });
    };
    img.addEventListener('load', place);
    img.src = item.media.url;
    stage.append(img);
    media.append(stage);
  }

  // One entry per flagged frame (a frame flagged by several scenes is listed once, with
  // each distinct finding), in time order; its offset seeks the player.
  function renderFrames(media, item, frames, player) {
    const byFrame = new Map();
    frames.forEach((f) => {
      const key = f.url || String(f.offset);
      if (!byFrame.has(key)) { byFrame.set(key, { url: f.url, offset: f.offset, findings: [] }); }
      const finding = f.label + ' (' + f.suggestion + ', ' + f.rate + ')';
      const entry = byFrame.get(key);
      if (!entry.findings.includes(finding)) { entry.findings.push(finding); }
    });
    if (!byFrame.size) { return; }
    media.append(el('h3', null, 'Flagged frames'));
    const list = el('ol', 'frames');
    [...byFrame.values()].sort((a, b) => Number(a.offset) - Number(b.offset)).forEach((f) => {
      const n = /\/frames\/(\d+)$/.exec(f.url || '');
      const b = el('button', 'frame');
      b.type = 'button';
      if (n) {
        const thumb = el('img');
        thumb.src = item.media.framesUrl + '/' + n[1];
        thumb.alt = 'Frame at ' + seconds(f.offset);
        b.append(thumb);
      }
      b.append(el('span', null, seconds(f.offset) + ' ' + f.findings.join('; ')));
      b.addEventListener('click', () => { player.currentTime = Number(f.offset) || 0; });
      const entry = el('li');
      entry.append(b);
      list.append(entry);
    });
    media.append(list);
  }

  function renderTranscript(media, c, player) {
    const seek = (t) => () => { player.currentTime = Number(t) || 0; };
    if (c.hits && c.hits.length) {
      media.append(el('h3', null, 'Hits'));
      const list = el('ul', 'hits');
      c.hits.forEach((h) => {
        const b = el('button', 'seek', seconds(h.startTime) + '-' + seconds(h.endTime) + ' "' + h.keyword + '" '
          + h.label + (h.libName ? ' (library ' + h.libName + ')' : ''));
        b.type = 'button';
        b.addEventListener('click', seek(h.startTime));
        const entry = el('li');
        entry.append(b);
        list.append(entry);
      });
      media.append(list);
    }
    if (c.transcript && c.transcript.length) {
      media.append(el('h3', null, 'Transcript'));
      const list = el('ol', 'transcript');
      c.transcript.forEach((u) => {
        const b = el('button', 'seek', seconds(u.startTime) + ' ' + u.text);
        b.type = 'button';
        b.addEventListener('click', seek(u.startTime));
        const entry = el('li');
        entry.append(b);
        list.append(entry);
      });
      media.append(list);
    }
  }

  function imageFindings(found) {
    if (!found) { return []; }
    const out = [];
    if (found.hintWords && found.hintWords.length) { out.push('Hit words: ' + found.hintWords.join(', ')); }
    (found.qrcodes || []).forEach((q) => out.push('QR code: ' + q.text));
    (found.ocrLines || []).forEach((l) => out.push((l.hit ? 'Text with hit words: ' : 'Text: ') + l.text));
    if (found.nsfw) {
      out.push('NSFW scores: porn ' + found.nsfw.porn + ', sexy ' + found.nsfw.sexy + ', normal ' + found.nsfw.normal);
    }
    (found.libraryHits || []).forEach((h) => out.push('Image library ' + h.libName + ': ' + h.context
      + ' (distance ' + h.distance + ')'));
    return out;
  }

  function renderLabels() {
    const list = $('labels');
    list.textContent = '';
    if (!current) { return; }
    current.labels.slice(0, 9).forEach((label, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = (i + 1) + ' ' + label;
      b.setAttribute('aria-pressed', selected.has(label) ? 'true' : 'false');
      b.addEventListener('click', () => toggle(i));
      const item = document.createElement('li');
      item.append(b);
      list.append(item);
    });
  }

  function toggle(i) {
    if (!current || i >= current.labels.length) { return; }
    const label = current.labels[i];
    if (selected.has(label)) { selected.delete(label); } else { selected.add(label); }
    renderLabels();
  }

  function decide(suggestion) {
    if (!current) { return; }
    const labels = suggestion === 'block' ? [...selected] : [];
    if (suggestion === 'block' && labels.length === 0) { say('Choose a label with 1-9 before blocking.'); keyAt = null; return; }
    say('');
    flush();
    const params = new URLSearchParams();
    params.set('suggestion', suggestion);
    labels.forEach((l) => params.append('labels', l));
    const held = { item: current, params, selected: new Set(selected), suggestion };
    held.timer = setTimeout(() => send(held), undoMs);
    pending = held;
    $('undo-text').textContent = (suggestion === 'block' ? 'Blocked ' : 'Passed ') + held.item.taskId + '.';
    $('undo').hidden = false;
    next();
  }

  function send(held) {
    clearTimeout(held.timer);
    if (pending === held) { pending = null; $('undo').hidden = true; }
    return post('/console/review/api/items/' + held.item.id + '/decision', held.params).then(async (r) => {
      if (r.ok) { decided++; $('decided').textContent = decided; return; }
      const problem = await r.json().catch(() => ({}));
      say('Item ' + held.item.taskId + ' was not recorded: ' + (problem.detail || r.status));
    });
  }

  function flush() { if (pending) { send(pending); } }

  function undo() {
    if (!pending) { return; }
    clearTimeout(pending.timer);
    const held = pending;
    pending = null;
    $('undo').hidden = true;
    if (current) { ahead.unshift(current); }
    current = held.item;
    selected = held.selected;
    show(current);
  }

  function skip() {
    if (!current) { return; }
    const item = current;
    post('/console/review/api/items/' + item.id + '/release');
    next();
  }

  function tick() {
    if (!current) { return; }
    const left = Math.round((Date.parse(current.deadline) - Date.now()) / 1000);
    const abs = Math.abs(left);
    const text = Math.floor(abs / 3600) + 'h ' + String(Math.floor(abs / 60) % 60).padStart(2, '0') + 'm '
      + String(abs % 60).padStart(2, '0') + 's';
    $('deadline').textContent = left >= 0 ? 'Deadline in ' + text : 'Overdue by ' + text;
    $('deadline').classList.toggle('late', left < 300);
  }

  // well-being: a break reminder after continuous work
  const since = Number(sessionStorage.getItem('vetter.workSince')) || Date.now();
  sessionStorage.setItem('vetter.workSince', String(since));
  function checkBreak() {
    const start = Number(sessionStorage.getItem('vetter.workSince'));
    const minutes = Math.floor((Date.now() - start) / 60000);
    if (Date.now() - start >= breakMs && $('break').hidden) {
      $('break-text').textContent = 'You have been reviewing for ' + minutes + ' minutes. Time for a break.';
      $('break').hidden = false;
    }
  }
  $('break-done').addEventListener('click', () => {
    sessionStorage.setItem('vetter.workSince', String(Date.now()));
    $('break').hidden = true;
  });

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest('input, textarea, select')) { return; }
    if ($('keys').open && e.key !== '?') { return; }
    const k = e.key;
    if (k === 'p' || k === 'b') { keyAt = performance.now(); decide(k === 'p' ? 'pass' : 'block'); }
    else if (k >= '1' && k <= '9') { toggle(Number(k) - 1); }
    else if (k === 's') { keyAt = performance.now(); skip(); }
    else if (k === 'u') { undo(); }
    else if (k === 'r') { $('media').classList.toggle('veiled'); }
    else if (k === '?') { if ($('keys').open) { $('keys').close(); } else { $('keys').showModal(); } }
    else { return; }
    e.preventDefault();
  });
  $('pass-button').addEventListener('click', () => decide('pass'));
  $('block-button').addEventListener('click', () => decide('block'));
  $('skip-button').addEventListener('click', skip);
  $('undo-button').addEventListener('click', undo);
  $('help-button').addEventListener('click', () => $('keys').showModal());

  // leaving the page: the held decision is sent now, prefetched items go back to the queue
  window.addEventListener('pagehide', () => {
    const beacon = (url, params) => {
      const body = new URLSearchParams(params || '');
      body.set('_csrf', token);
      navigator.sendBeacon(url, new Blob([body.toString()], { type: 'application/x-www-form-urlencoded' }));
    };
    if (pending) {
      clearTimeout(pending.timer);
      beacon('/console/review/api/items/' + pending.item.id + '/decision', pending.params);
      pending = null;
    }
    ahead.forEach((item) => beacon('/console/review/api/items/' + item.id + '/release'));
  });

  setInterval(tick, 1000);
  setInterval(checkBreak, 15000);
  setInterval(() => { if (!current && !fetching && ahead.length === 0) { refill(); } }, 3000);
  checkBreak();
  claim('/console/review/api/claim').then((item) => {
    if (item) { ahead.push(item); }
    next();
  }, (e) => say(e.message));
}());
