// Script of the page `ecg report html` writes; embedded into it, never loaded from elsewhere.
// It renders the findings of the embedded data (the JSON in #ecg-data) with filters whose
// state lives in the URL fragment, so a filtered view can be linked and reloaded.
(function () {
  'use strict';
  var PAGE = 200;
  var VIEWS = [
    ['open', 'Findings'], ['baseline', 'Unchanged since baseline'],
    ['suppressed', 'Suppressed'], ['absent', 'Fixed (absent)']
  ];
  var data = JSON.parse(document.getElementById('ecg-data').textContent);
  var state = { view: 'open', rule: '', level: '', file: '', q: '' };
  var limit = PAGE;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function ruleId(f) { return data.rules[f.r] ? data.rules[f.r].id : ''; }
  function fileName(i) { return i >= 0 && i < data.files.length ? data.files[i] : '(no file)'; }
  function place(o) { return fileName(o.f) + (o.ln ? ':' + o.ln + (o.c ? ':' + o.c : '') : ''); }

  function readHash() {
    var h = location.hash.replace(/^#/, '');
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i < 0) return;
      var k = decodeURIComponent(kv.slice(0, i)), v = decodeURIComponent(kv.slice(i + 1));
      if (Object.prototype.hasOwnProperty.call(state, k)) state[k] = v;
    });
    if (!VIEWS.some(function (v) { return v[0] === state.view; })) state.view = 'open';
  }

  function writeHash() {
    var parts = Object.keys(state).filter(function (k) { return state[k] !== ''; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(state[k]); });
    history.replaceState(null, '', '#' + parts.join('&'));
  }

  function haystack(f) {
    if (f.hay === undefined) {
      var t = [f.m, ruleId(f), fileName(f.f)];
      if (f.sn) t = t.concat(f.sn.t);
      f.hay = t.join('\n').toLowerCase();
    }
    return f.hay;
  }

  function inView(f) { return f.k === state.view; }
  function matches(f) {
    if (!inView(f)) return false;
    if (state.rule && ruleId(f) !== state.rule) return false;
    if (state.level && f.l !== state.level) return false;
    if (state.file && fileName(f.f) !== state.file) return false;
    return !state.q || haystack(f).indexOf(state.q.toLowerCase()) >= 0;
  }

  function countBy(list, key) {
    var m = new Map();
    list.forEach(function (f) { var k = key(f); m.set(k, (m.get(k) || 0) + 1); });
    return Array.from(m.entries()).sort(function (a, b) {
      return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    });
  }

  function renderTabs() {
    var nav = document.getElementById('tabs');
    nav.textContent = '';
    VIEWS.forEach(function (v) {
      var n = data.findings.filter(function (f) { return f.k === v[0]; }).length;
      var b = el('button', null, v[1] + ' (' + n + ')');
      b.id = 'tab-' + v[0];
      b.dataset.count = n;
      b.setAttribute('role', 'tab');
      b.setAttribute('aria-selected', String(state.view === v[0]));
      b.addEventListener('click', function () {
        state = { view: v[0], rule: '', level: '', file: '', q: '' };
        update();
      });
      nav.appendChild(b);
    });
  }

  function summaryTable(title, rows, id, pick) {
    var box = el('div'), t = el('table'), head = el('tr');
    box.appendChild(el('h3', null, title));
    head.appendChild(el('th', null, title.replace(/^By /, '')));
    head.appendChild(el('th', null, 'findings'));
    t.id = id;
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el('tr', 'pick');
      tr.dataset.key = r[0];
      tr.appendChild(el('td', null, r[0]));
      tr.appendChild(el('td', 'n', r[1]));
      tr.addEventListener('click', function () { pick(r[0]); });
      t.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }

  function renderSummary(list) {
    var box = document.getElementById('summary');
    box.textContent = '';
    box.appendChild(summaryTable('By level', countBy(list, function (f) { return f.l; }),
      'by-level', function (k) { state.level = k; update(); }));
    box.appendChild(summaryTable('By rule', countBy(list, ruleId),
      'by-rule', function (k) { state.rule = k; update(); }));
    box.appendChild(summaryTable('By file', countBy(list, function (f) { return fileName(f.f); })
      .slice(0, 25), 'by-file', function (k) { state.file = k; update(); }));
  }

  function fillSelect(id, label, rows, current) {
    var s = document.getElementById(id);
    s.textContent = '';
    var all = el('option', null, label);
    all.value = '';
    s.appendChild(all);
    rows.forEach(function (r) {
      var o = el('option', null, r[0] + ' (' + r[1] + ')');
      o.value = r[0];
      s.appendChild(o);
    });
    if (current && !rows.some(function (r) { return r[0] === current; })) {
      var o = el('option', null, current + ' (0)');
      o.value = current;
      s.appendChild(o);
    }
    s.value = current;
  }

  function renderFilters(list) {
    fillSelect('f-rule', 'all rules', countBy(list, ruleId), state.rule);
    fillSelect('f-level', 'all levels', countBy(list, function (f) { return f.l; }), state.level);
    fillSelect('f-file', 'all files', countBy(list, function (f) { return fileName(f.f); }),
      state.file);
    var q = document.getElementById('f-q');
    if (q.value !== state.q) q.value = state.q;
  }

  function source(sn) {
    var pre = el('pre', 'src');
    sn.t.forEach(function (line, i) {
      var n = sn.a + i, row = el('span', n >= sn.h[0] && n <= sn.h[1] ? 'hl' : null);
      row.appendChild(el('i', null, n));
      row.appendChild(document.createTextNode(line));
      pre.appendChild(row);
    });
    return pre;
  }

  function steps(title, list, ordered) {
    var box = el('div'), ol = el(ordered ? 'ol' : 'ul', 'steps');
    box.appendChild(el('div', 'steps-title', title));
    list.forEach(function (s) {
      var li = el('li');
      li.appendChild(el('span', 'where', place(s) + ' '));
      li.appendChild(document.createTextNode(s.m || ''));
      if (s.sn && s.sn.t.length) {
        li.appendChild(el('br'));
        li.appendChild(el('code', null, s.sn.t[0].trim()));
      }
      ol.appendChild(li);
    });
    box.appendChild(ol);
    return box;
  }

  // The rule's id, linked to its documentation when the log names a help page.
  function ruleLink(f) {
    var rule = data.rules[f.r] || {}, a;
    if (!rule.u || !/^https?:\/\//.test(rule.u)) return el('span', 'rule', ruleId(f));
    a = el('a', 'rule', ruleId(f));
    a.href = rule.u;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    if (rule.d) a.title = rule.d;
    return a;
  }

  function finding(f) {
    var card = el('article', 'finding'), head = el('div', 'head');
    card.dataset.rule = ruleId(f);
    card.dataset.level = f.l;
    head.appendChild(el('span', 'level ' + f.l, f.l));
    head.appendChild(ruleLink(f));
    head.appendChild(el('span', 'place', place(f)));
    if (f.k === 'suppressed')
      head.appendChild(el('span', 'state', 'suppressed' + (f.sk ? ' (' + f.sk + ')' : '') +
        (f.sj ? ': ' + f.sj : '')));
    card.appendChild(head);
    card.appendChild(el('div', 'msg', f.m));
    if (f.sn) card.appendChild(source(f.sn));
    if (f.rel) card.appendChild(steps('Related locations', f.rel, false));
    (f.flow || []).forEach(function (flow, i) {
      if (flow.s) card.appendChild(steps('Flow' + (f.flow.length > 1 ? ' ' + (i + 1) : '') +
        ': source to sink', flow.s, true));
    });
    return card;
  }

  function renderList(list) {
    var box = document.getElementById('list'), shown = document.getElementById('shown');
    var matching = list.filter(matches), frag = document.createDocumentFragment();
    box.textContent = '';
    matching.slice(0, limit).forEach(function (f) { frag.appendChild(finding(f)); });
    box.appendChild(frag);
    if (!matching.length) box.appendChild(el('p', 'empty', 'No finding matches.'));
    shown.textContent = matching.length + ' of ' + list.length + ' shown' +
      (matching.length > limit ? ' (first ' + limit + ' listed)' : '');
    shown.dataset.matching = matching.length;
    shown.dataset.listed = Math.min(limit, matching.length);
    document.getElementById('more').hidden = matching.length <= limit;
  }

  function update() {
    var list = data.findings.filter(inView);
    limit = PAGE;
    writeHash();
    renderTabs();
    renderSummary(list);
    renderFilters(list);
    renderList(list);
  }

  function wire() {
    [['f-rule', 'rule'], ['f-level', 'level'], ['f-file', 'file']].forEach(function (p) {
      document.getElementById(p[0]).addEventListener('change', function (e) {
        state[p[1]] = e.target.value;
        update();
      });
    });
    var timer = null;
    document.getElementById('f-q').addEventListener('input', function (e) {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = e.target.value; update(); }, 120);
    });
    document.getElementById('more').addEventListener('click', function () {
      limit += PAGE;
      renderList(data.findings.filter(inView));
    });
    window.addEventListener('hashchange', function () { readHash(); update(); });
  }

  readHash();
  wire();
  update();
  document.body.dataset.renderMs = Math.round(performance.now());
})();
