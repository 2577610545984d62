// The Docker image's layout, without Docker (the development machines have
// no engine): reads the Dockerfile's runtime stage, copies what its COPY
// lines name from this checkout's builds into a scratch root (the `wasm`
// stage's /src is the repository with build/wasm, the `native` stage's
// /src/build is build/native), starts the copied tirage-server with the
// stage's ENV and no flags, as the image's CMD does, and checks it serves
// what a deployment needs: the organizer app, the verifier, the pages.
// Needs `make build`. Prints "N passed, N failed"; exits 1 on any failure.
import { readFileSync, mkdirSync, cpSync, existsSync, statSync, openSync } from 'node:fs';
import { join, basename } from 'node:path';
import { run, test, expect, repo, workDir, freePort, spawnProcess, sleep } from '../browser/harness.mjs';

// The runtime stage's instructions, continuation lines joined.
function runtimeStage(dockerfile) {
  const lines = dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const from = lines.map((l, i) => [l, i]).filter(([l]) => /^FROM\s/i.test(l)).pop();
  expect(from, 'the Dockerfile has no FROM');
  return lines.slice(from[1] + 1);
}
// Where a path of the image's build context or of a build stage is in this checkout.
function source(stage, path) {
  if (!stage) return join(repo, path);
  if (stage === 'wasm' && path.startsWith('/src/')) return join(repo, path.slice(5));
  if (stage === 'native' && path.startsWith('/src/build/')) return join(repo, 'build/native', path.slice(11));
  throw new Error(`COPY --from=${stage} ${path}: no local equivalent known`);
}

await run(async () => {
  const root = workDir('tirage-image');
  const inImage = (p) => join(root, p);
  const stage = runtimeStage(readFileSync(join(repo, 'Dockerfile'), 'utf8'));
  const env = {};
  let cmd;
  for (const line of stage) {
    const [op, ...args] = line.split(/\s+/);
    if (op === 'COPY') {
      const from = args[0].startsWith('--from=') ? args.shift().slice(7) : null;
      const dest = args.pop();
      for (const src of args) {
        const local = source(from, src);
        expect(existsSync(local), `the Dockerfile copies ${from ? `${from}:` : ''}${src}, which is ${local} here and missing (make build?)`);
        const target = dest.endsWith('/') ? inImage(join(dest, basename(src))) : inImage(dest);
        mkdirSync(join(target, '..'), { recursive: true });
        cpSync(local, target, { recursive: statSync(local).isDirectory() });
      }
    } else if (op === 'ENV') {
      for (const kv of args) { const [k, v] = kv.split('='); env[k] = v; }
    } else if (op === 'CMD') {
      cmd = JSON.parse(args.join(' '));
    }
  }
  expect(cmd && cmd.length === 1, `CMD ${JSON.stringify(cmd)}: expected the server with no flags`);
  const port = await freePort();
  const serverEnv = { PATH: '/usr/bin:/bin' };
  for (const [k, v] of Object.entries(env)) serverEnv[k] = v.startsWith('/') ? inImage(v) : v;
  serverEnv.PORT = String(port);
  serverEnv.TIRAGE_BEACON = 'local';  // the image's default (auto) would try drand's relays
  mkdirSync(serverEnv.TIRAGE_DATA, { recursive: true });
  const log = join(root, 'server.log');
  spawnProcess(inImage(join('/usr/local/bin', cmd[0])), [], { env: serverEnv, stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) { try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {} await sleep(50); }
  const get = async (path) => { const r = await fetch(base + path); return { status: r.status, body: Buffer.from(await r.arrayBuffer()) }; };

  await test('the server starts from the image\'s CMD and ENV and says nothing is missing', async () => {
    expect((await get('/healthz')).status === 200, `no answer on $PORT; log: ${readFileSync(log, 'utf8')}`);
    const said = readFileSync(log, 'utf8');
    for (const warning of ['app_missing', 'verifier_missing']) expect(!said.includes(warning), `the server logged ${warning}: ${said}`);
  });
  await test('the organizer app: its page, its shell and its Wasm build', async () => {
    const page = await get('/app');
    expect(page.status === 200 && page.body.toString().includes('/assets/app/shell.js'), `/app: ${page.status}`);
    expect((await get('/assets/app/shell.js')).status === 200, 'no shell.js');
    const wasm = await get('/assets/app/bin/tirage_app.wasm');
    expect(wasm.status === 200 && wasm.body.subarray(0, 4).equals(Buffer.from('\0asm')), `tirage_app.wasm: ${wasm.status}`);
    for (const f of ['tirage_app.js', 'DejaVuSans.ttf']) expect((await get(`/assets/app/bin/${f}`)).status === 200, `no ${f}`);
  });
  await test('the verify page\'s verifier and drand check, the widget, the pages of public/ and billing', async () => {
    const wasm = await get('/assets/verify/tirage_verify.wasm');
    expect(wasm.status === 200 && wasm.body.subarray(0, 4).equals(Buffer.from('\0asm')), `tirage_verify.wasm: ${wasm.status}`);
    for (const p of ['/assets/verify/tirage_verify.mjs', '/assets/verify/drand-recheck.js', '/assets/verify/verify-page.js',
      '/assets/widget/widget.js', '/', '/billing'])
      expect((await get(p)).status === 200, `${p} is not served`);
  });
});
