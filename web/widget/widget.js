// Tirage verification badge for partner sites:
//   <script src="https://TIRAGE_HOST/assets/widget/widget.js" data-draw="d_..." async></script>
// Renders inside a Shadow DOM, so the host page's CSS cannot reach it and its
// CSS cannot leak out; sends no cookies; loads the Wasm verifier only when the
// visitor asks for the check, which trusts the Tirage origin's own key set
// (never the keys a bundle brings) and then shows the winners it verified.
// A replaced winner is shown with who replaced them and why. No globals are defined.
(() => {
  const STRINGS = {
    en: { committed: 'Committed — drawn on {date}', ready: 'Random value published — result pending', drawn: 'Drawn',
          abandoned: 'Abandoned: no result by its deadline', winners: 'Winners', check: 'Check this draw', checking: 'Checking…',
          ok: 'Every check holds ✓', bad: 'A check failed ✗', error: 'Could not check: {m}', open: 'Full verification',
          weak: 'local beacon (weaker)', related: 'Other draws of the same list, post or giveaway by this organizer: {n}',
          none: 'No other draw of this list, post or giveaway by this organizer',
          published: 'published', waiting: 'waiting', abandoned_short: 'abandoned',
          sub: '{name} — replaces {old}: {reason}', differ: 'The names first shown differed; these are the verified ones.' },
    fr: { committed: 'Engagé — tirage le {date}', ready: 'Valeur aléatoire publiée — résultat en attente', drawn: 'Tiré',
          abandoned: 'Abandonné : aucun résultat avant la date limite', winners: 'Gagnants', check: 'Vérifier ce tirage',
          checking: 'Vérification…', ok: 'Toutes les vérifications sont bonnes ✓', bad: 'Une vérification a échoué ✗',
          error: 'Vérification impossible : {m}', open: 'Vérification complète', weak: 'balise locale (moins sûre)',
          related: 'Autres tirages de cet organisateur pour la même liste, publication ou concours : {n}',
          none: 'Aucun autre tirage de cet organisateur pour cette liste, publication ou concours',
          published: 'publié', waiting: 'en attente', abandoned_short: 'abandonné',
          sub: '{name} — remplace {old} : {reason}', differ: 'Les noms d’abord affichés différaient ; voici les noms vérifiés.' },
    es: { committed: 'Comprometido — sorteo el {date}', ready: 'Valor aleatorio publicado — resultado pendiente', drawn: 'Sorteado',
          abandoned: 'Abandonado: sin resultado antes de la fecha límite', winners: 'Ganadores', check: 'Comprobar este sorteo',
          checking: 'Comprobando…', ok: 'Todas las comprobaciones son correctas ✓', bad: 'Una comprobación ha fallado ✗',
          error: 'No se pudo comprobar: {m}', open: 'Verificación completa', weak: 'baliza local (más débil)',
          related: 'Otros sorteos de este organizador con la misma lista, publicación o concurso: {n}',
          none: 'Ningún otro sorteo de este organizador con esta lista, publicación o concurso',
          published: 'publicado', waiting: 'en espera', abandoned_short: 'abandonado',
          sub: '{name} — sustituye a {old}: {reason}', differ: 'Los nombres mostrados al principio diferían; estos son los verificados.' },
    de: { committed: 'Festgelegt — Ziehung am {date}', ready: 'Zufallswert veröffentlicht — Ergebnis ausstehend', drawn: 'Gezogen',
          abandoned: 'Aufgegeben: kein Ergebnis bis zur Frist', winners: 'Gewinner', check: 'Diese Verlosung prüfen',
          checking: 'Prüfung läuft…', ok: 'Alle Prüfungen bestanden ✓', bad: 'Eine Prüfung ist fehlgeschlagen ✗',
          error: 'Prüfung nicht möglich: {m}', open: 'Vollständige Prüfung', weak: 'lokale Quelle (schwächer)',
          related: 'Weitere Ziehungen dieses Veranstalters mit derselben Liste, demselben Beitrag oder Gewinnspiel: {n}',
          none: 'Keine weitere Ziehung dieses Veranstalters mit dieser Liste, diesem Beitrag oder Gewinnspiel',
          published: 'veröffentlicht', waiting: 'ausstehend', abandoned_short: 'aufgegeben',
          sub: '{name} — ersetzt {old}: {reason}', differ: 'Die zuerst gezeigten Namen wichen ab; dies sind die geprüften.' },
  };
  const lang = (navigator.language || 'en').slice(0, 2);
  const S = STRINGS[lang] || STRINGS.en;
  const say = (k, v = {}) => S[k].replace(/\{(\w+)\}/g, (_, n) => v[n] ?? '');

  const CSS = `:host{all:initial;display:block;max-width:360px;margin:8px 0}
  .card{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2433;background:#fff;
    border:1px solid #d7dbe4;border-radius:10px;padding:12px 14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
  .brand{font-weight:700;font-size:11px;letter-spacing:.06em;color:#5b6475;text-transform:uppercase}
  .title{font-weight:700;font-size:16px;margin:2px 0 4px;overflow-wrap:anywhere}
  .status{color:#5b6475} .weak{color:#b3261e} ol{margin:6px 0 8px;padding-left:20px}
  li{margin:1px 0;overflow-wrap:anywhere} a{color:#1f5fbf} button{font:inherit;cursor:pointer;border:1px solid #1f5fbf;
    background:#1f5fbf;color:#fff;border-radius:6px;padding:4px 10px;margin-right:8px}
  .ok{color:#0b7a3b;font-weight:600} .bad{color:#b3261e;font-weight:600}
  .related{margin:8px 0;font-size:13px;color:#5b6475} .related ul{margin:4px 0;padding-left:18px}
  .related .abandoned{color:#b3261e}`;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The winners as they stand: a replaced rank shows who replaced whom and why
  // (substitutions in order; a rank may be replaced more than once).
  function winnersList(result, substitutions) {
    const names = result.winners.map((w) => w.entry.name);
    const lines = [...names];
    for (const { statement: sub } of substitutions) {
      const name = result.alternates[sub.alternate_rank - 1].entry.name;
      lines[sub.replaced_rank - 1] = say('sub', { name, old: names[sub.replaced_rank - 1], reason: sub.reason });
      names[sub.replaced_rank - 1] = name;
    }
    const ol = el('ol');
    for (const line of lines) ol.append(el('li', null, line));
    return ol;
  }

  async function mount(script) {
    if (script.dataset.tirageMounted) return;
    script.dataset.tirageMounted = '1';
    const id = script.dataset.draw;
    const base = new URL(script.src, location.href).origin;
    // An element name no host stylesheet targets by accident.
    const host = document.createElement('tirage-badge');
    script.after(host);
    const root = host.attachShadow({ mode: 'open' });
    // A constructed stylesheet, not a <style> element: a host page whose Content-Security-Policy
    // allows no inline style still shows the badge as designed.
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.append(style);
    }
    const card = el('div', 'card');
    card.setAttribute('part', 'card');
    root.append(card);
    card.append(el('div', 'brand', 'Tirage'));
    try {
      const r = await fetch(`${base}/api/v1/draws/${encodeURIComponent(id)}`, { credentials: 'omit' });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      const view = await r.json();
      const st = view.commitment.statement;
      card.append(el('div', 'title', st.title));
      const when = new Date(view.draw_at).toLocaleString(lang);
      card.append(el('div', 'status', view.status === 'committed' ? say('committed', { date: when }) : say(view.status)));
      if (view.weak_beacon) card.append(el('div', 'weak', say('weak')));
      // The organizer's other draws of the same list, post or giveaway: a draw kept among several shows it.
      const related = el('div', 'related');
      related.setAttribute('part', 'related');
      const others = view.related || [];
      related.append(el('div', null, others.length ? say('related', { n: others.length }) : say('none')));
      if (others.length) {
        const ul = el('ul');
        for (const r of others.slice(0, 5)) {
          const li = el('li', r.status === 'abandoned' ? 'abandoned' : null);
          const a = el('a', null, r.title);
          a.href = `${base}/v/${encodeURIComponent(r.draw_id)}?lang=${lang}`;
          a.target = '_blank';
          a.rel = 'noopener';
          li.append(a, document.createTextNode(` — ${say(r.status === 'abandoned' ? 'abandoned_short' : r.status)}`));
          li.dataset.draw = r.draw_id;
          li.dataset.status = r.status;
          ul.append(li);
        }
        related.append(ul);
      }
      card.append(related);
      host.dataset.related = String(others.length);
      if (view.result) {
        card.append(el('div', null, say('winners')));
        let ol = winnersList(view.result.statement, view.substitutions);
        card.append(ol);
        const button = el('button', null, say('check'));
        const outcome = el('span');
        button.addEventListener('click', async () => {
          button.disabled = true;
          outcome.className = '';
          outcome.textContent = say('checking');
          try {
            // The verifier is loaded only now: the badge itself stays tiny.
            const { loadVerifier } = await import(`${base}/assets/verify/verifier.mjs`);
            const json = (path) => fetch(`${base}${path}`, { credentials: 'omit' }).then((b) => {
              if (!b.ok) throw new Error(`${path}: HTTP ${b.status}`);
              return b.json();
            });
            // Tirage's own key set, from its origin: the keys inside a bundle prove nothing.
            const [verifier, bundle, keys] = await Promise.all([
              loadVerifier(`${base}/assets/verify/tirage_verify.mjs`),
              json(`/api/v1/draws/${encodeURIComponent(id)}/bundle`),
              json('/.well-known/tirage-keys.json'),
            ]);
            const report = verifier.verifyBundle(bundle, keys);
            if (report.error) throw new Error(report.error.message);
            outcome.className = report.ok ? 'ok' : 'bad';
            outcome.textContent = say(report.ok ? 'ok' : 'bad');
            if (report.ok) {
              // Show what was verified; say so when the first rendering differed.
              const verified = winnersList(bundle.result.statement, bundle.substitutions || []);
              if (verified.textContent !== ol.textContent) {
                outcome.textContent += ' ' + say('differ');
                host.dataset.mismatch = 'winners';
              }
              ol.replaceWith(verified);
              ol = verified;
            }
            host.dataset.result = report.ok ? 'verified' : 'failed';
          } catch (e) {
            outcome.className = 'bad';
            outcome.textContent = say('error', { m: e.message });
            host.dataset.result = 'error';
          }
          button.disabled = false;
        });
        card.append(button, outcome);
      }
      const link = el('a', null, say('open'));
      link.href = `${base}/v/${encodeURIComponent(id)}?lang=${lang}`;
      link.target = '_blank';
      link.rel = 'noopener';
      card.append(el('div'), link);
      host.dataset.status = view.status;
    } catch (e) {
      card.append(el('div', 'bad', say('error', { m: e.message })));
      host.dataset.status = 'error';
    }
  }

  for (const s of document.querySelectorAll('script[data-draw][src*="widget.js"]')) mount(s);
})();
