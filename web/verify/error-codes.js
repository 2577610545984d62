// The server's error codes (GET /assets/error-codes.json, generated from
// shared/core/error_codes.def): pages compare an answer's code with a name
// checked against that table, never a bare string, so a code renamed on the
// server fails here loudly instead of never matching.
let table = null;

// The table: code -> { status, message }; fetched once, when first needed.
export function errorCodes() {
  table ??= fetch(new URL('../error-codes.json', import.meta.url)).then((r) => {
    if (!r.ok) throw new Error(`error-codes.json: HTTP ${r.status}`);
    return r.json();
  });
  return table;
}

// name, once the table is known to hold it (throws otherwise).
export async function errorCode(name) {
  const codes = await errorCodes();
  if (!Object.hasOwn(codes, name)) throw new Error(`no error code "${name}" in error-codes.json`);
  return name;
}
