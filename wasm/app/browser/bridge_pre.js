// Runs inside the app module's scope (--pre-js), so the bridge's EM_JS
// functions can hand strings to C++: a malloc'ed UTF-8 copy the C++ side frees.
function tirageNewUTF8(s) {
  const n = lengthBytesUTF8(s) + 1;
  const p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
}

// Emscripten 3.1.6's GLFW turns touches into mouse buttons but never moves
// the pointer for them (its position code only reads SDL touches), so a tap
// would land where the previous one did. The page shell calls this for every
// touch event on the canvas, before GLFW sees it.
Module["tirageTouchToMouse"] = function (event) {
  const t = event.changedTouches && event.changedTouches[0];
  if (!t) return;
  const c = Module["canvas"], r = c.getBoundingClientRect();
  Browser.mouseX = (t.clientX - r.left) * (c.width / r.width);
  Browser.mouseY = (t.clientY - r.top) * (c.height / r.height);
};
