// The billing page: the organizer's plan, limits and usage this month, and the
// way to upgrade (Stripe Checkout) or manage a subscription (Stripe's portal).
// Talks to /api/v1/billing with the session cookie; state-changing calls send
// the session's CSRF token, read from GET /api/v1/me (as the organizer app does).
const LANGS = ['fr', 'en', 'es', 'de'];
const params = new URLSearchParams(location.search);
const lang = [params.get('lang'), ...navigator.languages.map((l) => l.slice(0, 2))].find((l) => LANGS.includes(l)) || 'en';
const $ = (id) => document.getElementById(id);
let t = {};
let state = null;
let csrf = '';

const tr = (key, vars = {}) => (t[key] || key).replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
// A plan's name in the page's language; plans added by configuration alone show their configured name.
const planName = (plan) => t['plan.' + plan.id] || plan.name;

function show(id, on) { $(id).hidden = !on; }
function notice(text) { $('notice').textContent = text; show('notice', !!text); }
function error(text) { $('error').textContent = text; show('error', !!text); }

function money(amount, currency) {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
function limitText(v) { return v === null ? tr('unlimited') : new Intl.NumberFormat(lang).format(v); }
function yesNo(v) { return v ? tr('yes') : tr('no'); }

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await r.json(); } catch { /* not JSON */ }
  return { status: r.status, data };
}

function renderLimits() {
  const l = state.limits;
  const rows = [
    ['limit.participants_per_draw', limitText(l.participants_per_draw)],
    ['limit.draws_per_month', tr('usage.of', { used: state.usage.draws_this_month, limit: limitText(l.draws_per_month) })],
    ['limit.alternates', limitText(l.alternates)],
    ['limit.import_platforms', l.import_platforms.join(', ')],
    ['limit.api_access', yesNo(l.api_access)],
    ['credits', String(state.usage.single_draw_credits)],
  ];
  const body = $('limits').tBodies[0];
  body.replaceChildren(...rows.map(([key, value]) => {
    const tr_ = document.createElement('tr');
    tr_.dataset.limit = key;
    for (const text of [tr(key), value]) { const td = document.createElement('td'); td.textContent = text; tr_.append(td); }
    return tr_;
  }));
}

function renderPlans() {
  const currency = $('currency').value;
  const interval = document.querySelector('input[name=interval]:checked').value;
  const subscribed = state.has_customer && ['active', 'trialing', 'past_due'].includes(state.status);
  const cards = state.plans.map((p) => {
    const card = document.createElement('div');
    card.className = 'plan' + (p.id === state.plan.id ? ' current' : '');
    card.dataset.plan = p.id;
    const h = document.createElement('h3');
    h.textContent = planName(p);
    const price = document.createElement('div');
    price.className = 'price';
    const wanted = p.kind === 'one_time' ? 'once' : interval;
    const pr = p.prices.find((x) => x.currency === currency && x.interval === wanted);
    price.textContent = p.kind === 'free' ? tr('free') : pr ? `${money(pr.amount, currency)} ${tr('per.' + wanted)}` : '—';
    const list = document.createElement('ul');
    const lines = [['limit.participants_per_draw', limitText(p.limits.participants_per_draw)],
      ['limit.draws_per_month_offer', limitText(p.limits.draws_per_month)], ['limit.alternates', limitText(p.limits.alternates)],
      ['limit.api_access', yesNo(p.limits.api_access)]];
    for (const [key, v] of lines.filter(([key]) => p.kind !== 'one_time' || key !== 'limit.draws_per_month_offer')) {
      const li = document.createElement('li');
      li.textContent = `${tr(key)}: ${v}`;
      list.append(li);
    }
    const button = document.createElement('button');
    button.type = 'button';
    if (p.kind === 'free') {
      button.hidden = true;
    } else if (p.id === state.plan.id && p.kind === 'subscription') {
      button.textContent = tr('current');
      button.disabled = true;
    } else if (p.kind === 'subscription' && subscribed) {
      // A running subscription changes plan in Stripe's portal, not through a second Checkout.
      button.textContent = tr('change');
      button.addEventListener('click', manage);
    } else {
      button.textContent = p.kind === 'one_time' ? tr('buy_single') : tr('upgrade');
      button.disabled = !state.payments_enabled || !pr;
      button.addEventListener('click', () => checkout(p.id, wanted, currency, button));
    }
    card.append(h, price, list, button);
    return card;
  });
  $('plans').replaceChildren(...cards);
}

function render() {
  $('plan-name').textContent = planName(state.plan);
  $('plan-status').textContent = state.status === 'none' ? '' : `(${tr('status.' + state.status)})`;
  show('grace', !!state.grace_until);
  if (state.grace_until) $('grace').textContent = tr('grace', { date: new Date(state.grace_until).toLocaleString(lang) });
  renderLimits();
  show('manage', state.has_customer && state.payments_enabled);
  const select = $('currency');
  if (!select.options.length) {
    for (const c of state.currencies) select.add(new Option(c.toUpperCase(), c));
    if (state.currency) select.value = state.currency;
  }
  renderPlans();
  if (!state.payments_enabled) notice(tr('payments_disabled'));
  show('account', true);
  show('offer', true);
  show('login', false);
}

async function load() {
  const session = params.get('session_id');
  const r = await api('GET', '/api/v1/billing' + (session ? `?session_id=${encodeURIComponent(session)}` : ''));
  if (r.status === 401) { show('login', true); show('account', false); show('offer', false); return false; }
  if (r.status !== 200) { error(r.data?.error?.message || tr('error.generic')); return false; }
  state = r.data;
  if (!csrf) csrf = (await api('GET', '/api/v1/me')).data?.csrf_token || '';
  render();
  return true;
}

async function checkout(plan, interval, currency, button) {
  error('');
  button.disabled = true;
  const r = await api('POST', '/api/v1/billing/checkout', plan === 'single_draw' ? { plan, currency } : { plan, interval, currency });
  if (r.status === 201) { location.assign(r.data.url); return; }
  button.disabled = false;
  if (r.status === 403) { show('login', true); error(tr('login.again')); return; }
  error(r.data?.error?.message || tr('error.generic'));
}

async function manage() {
  error('');
  const r = await api('POST', '/api/v1/billing/portal');
  if (r.status === 201) { location.assign(r.data.url); return; }
  if (r.status === 403) { show('login', true); error(tr('login.again')); return; }
  error(r.data?.error?.message || tr('error.generic'));
}

async function login(ev) {
  ev.preventDefault();
  error('');
  const r = await api('POST', '/api/v1/accounts/login', { email: $('email').value, password: $('password').value });
  if (r.status !== 200) { error(r.data?.error?.message || tr('login.failed')); return; }
  csrf = r.data.csrf_token;
  await load();
}

// After Checkout, the plan changes when Stripe's webhook arrives: poll until it does.
async function waitForPayment() {
  notice(tr('checkout.waiting'));
  for (let i = 0; i < 30; i++) {
    if (state.checkout?.completed) {
      notice(tr('checkout.success'));
      document.body.dataset.checkout = 'done';
      return;
    }
    await new Promise((r) => setTimeout(r, 1000));
    await load();
  }
  notice(tr('checkout.slow'));
}

async function main() {
  t = await (await fetch(`/assets/billing/catalogs/${lang}.json`)).json();
  document.documentElement.lang = lang;
  document.title = tr('title');
  $('title').textContent = tr('title');
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = tr(el.dataset.t);
  $('login').addEventListener('submit', login);
  $('manage').addEventListener('click', manage);
  $('currency').addEventListener('change', renderPlans);
  for (const r of document.querySelectorAll('input[name=interval]')) r.addEventListener('change', renderPlans);
  const ok = await load();
  if (ok && params.get('checkout') === 'cancel') notice(tr('checkout.cancel'));
  if (ok && params.get('checkout') === 'success') await waitForPayment();
  document.body.dataset.ready = 'yes';
}

main().catch((e) => error(String(e)));
