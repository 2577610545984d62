// Runs inside the app module's scope (--pre-js), so the bridge's EM_JS
// functions can hand strings to C++: a malloc'ed UTF-8 copy the C++ side frees.
function tirageNewUTF8(s) {
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
}
