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

// The app's IndexedDB database ("tirage-app", one object store "kv"), one
// connection for the page's life. The store's requests make their
// transactions on it in the order the app made them, so a read after a write
// of the same key sees that write and two writes of the index never land in
// the other order (with a connection per request, the opens could finish in
// any order).
let tirageDbPromise = null;
function tirageDb() {
  if (!tirageDbPromise) {
    tirageDbPromise = new Promise((resolve, reject) => {
      const open = indexedDB.open("tirage-app", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("kv");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        // Closed under us (storage cleared, another tab upgrading): the next request opens it again.
        db.onclose = db.onversionchange = () => { db.close(); tirageDbPromise = null; };
        resolve(db);
      };
    });
    tirageDbPromise.catch(() => { tirageDbPromise = null; });
  }
  return tirageDbPromise;
}
