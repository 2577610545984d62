// The page shell of the organizer app: checks WebGL2, downloads the Wasm and
// the font with a progress bar, starts the app, and bridges what a canvas
// cannot do by itself: pasting, dropping files, and phone keyboards.
"use strict";
(function () {
  const lang = (navigator.languages || [navigator.language || "en"]).map(l => l.slice(0, 2).toLowerCase())
    .find(l => ["fr", "en", "es", "de"].includes(l)) || "en";
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll("[data-" + lang + "]")) el.textContent = el.dataset[lang];

  const show = id => {
    for (const other of ["loading", "unsupported", "failed"]) document.getElementById(other).hidden = other !== id;
  };
  const fail = err => {
    show("failed");
    document.getElementById("failed-detail").textContent = String(err && err.message || err);
  };

  const probe = document.createElement("canvas");
  if (!probe.getContext("webgl2")) { show("unsupported"); return; }

  const bin = "/assets/app/bin/";
  const progress = document.getElementById("progress");
  const loaded = {}, totals = {};
  const update = () => {
    const total = Object.values(totals).reduce((a, b) => a + b, 0);
    const done = Object.values(loaded).reduce((a, b) => a + b, 0);
    progress.value = total ? Math.min(1, done / total) : 0;
  };
  async function download(name, guess) {
    const r = await fetch(bin + name);
    if (!r.ok) throw new Error(name + ": HTTP " + r.status);
    totals[name] = Number(r.headers.get("Content-Length")) || guess;
    const reader = r.body.getReader();
    const parts = [];
    loaded[name] = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded[name] += value.length;
      update();
    }
    const out = new Uint8Array(loaded[name]);
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }
  const loadScript = src => new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(src + " did not load"));
    document.head.appendChild(s);
  });

  const canvas = document.getElementById("canvas");
  const keyboard = document.getElementById("keyboard");
  const touch = matchMedia("(pointer: coarse)").matches;
  window.tirageShell = {
    // A text field became active (or not): on touch screens, bring up the keyboard.
    textInput(active) {
      if (!touch) return;
      if (active) keyboard.focus(); else { keyboard.blur(); canvas.focus(); }
    },
  };

  Promise.all([download("tirage_app.wasm", 3e6), download("DejaVuSans.ttf", 757076), loadScript(bin + "tirage_app.js")])
    .then(([wasm, font]) => createTirageApp({
      canvas,
      wasmBinary: wasm,
      print: text => console.log(text),
      printErr: text => console.warn(text),
      onAbort: fail,
    }).then(module => {
      module.FS.mkdir("/fonts");
      module.FS.writeFile("/fonts/DejaVuSans.ttf", font);
      window.tirageApp = module;
      // Registered before main() creates the GLFW window, so it runs first.
      for (const kind of ["touchstart", "touchmove", "touchend"])
        canvas.addEventListener(kind, module.tirageTouchToMouse, { capture: true, passive: true });
      // After a tap the browser also sends mouse events (for pages made for a
      // mouse): GLFW, which already read the touch, would see a second click,
      // and the mousedown would move the focus from the keyboard's field back
      // to the canvas, closing the phone's keyboard just opened.
      canvas.addEventListener("touchend", e => { if (e.cancelable) e.preventDefault(); }, { passive: false });
      // While the hidden field has focus, its input events are the one way typed
      // text reaches the app: GLFW (which starts listening in callMain, after
      // this) would type a key's keypress a second time (iOS, a tablet's
      // keyboard). Its keydowns still go through: Backspace, Enter, arrows, Tab.
      window.addEventListener("keypress", e => { if (e.target === keyboard) e.stopImmediatePropagation(); }, true);
      // Emscripten 3.1.6's GLFW hands the app a wheel event's raw deltaY as the
      // scroll offset: in pixels (or lines, in Firefox) instead of notches, and
      // with the wrong sign (browsers count down as positive, GLFW counts up), so
      // the wheel scrolled nothing down and hundreds of lines up. The app gets
      // notches here instead, and GLFW (listening on the canvas after this) never
      // sees the event.
      const wheel = e => {
        e.preventDefault();
        e.stopImmediatePropagation();
        if (e.type !== "wheel") return;  // the legacy "mousewheel" of the same turn
        const perNotch = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 : 100;  // lines, pages, pixels
        module._tirage_app_wheel(-e.deltaX / perNotch, -e.deltaY / perNotch);
      };
      canvas.addEventListener("wheel", wheel, { capture: true, passive: false });
      canvas.addEventListener("mousewheel", wheel, { capture: true, passive: false });
      show(null);
      canvas.focus();
      try { module.callMain([]); } catch (e) { if (e !== "unwind" && !(e && e.name === "ExitStatus")) throw e; }

      document.addEventListener("paste", e => {
        const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
        if (!text) return;
        e.preventDefault();
        module.ccall("tirage_app_paste", null, ["string"], [text]);
      });
      const typeIn = () => {
        if (keyboard.value) module.ccall("tirage_app_type", null, ["string"], [keyboard.value]);
        keyboard.value = "";
      };
      keyboard.addEventListener("input", e => {
        // A word being composed (an IME, a dead key, a phone's suggestions) is
        // typed once committed: its drafts are not text, and emptying the field
        // mid-way would break the composition.
        if (e.isComposing) return;
        // Enter's keydown already reached the app as a key; the field's line break would be a second one.
        if (e.inputType === "insertLineBreak" || e.inputType === "insertParagraph") { keyboard.value = ""; return; }
        typeIn();
      });
      keyboard.addEventListener("compositionend", typeIn);
      window.addEventListener("dragover", e => e.preventDefault());
      window.addEventListener("drop", e => {
        e.preventDefault();
        const file = e.dataTransfer && e.dataTransfer.files[0];
        if (!file) return;
        file.arrayBuffer().then(buf => {
          const bytes = new Uint8Array(buf);
          const p = module._malloc(bytes.length || 1);
          module.HEAPU8.set(bytes, p);
          const name = module._malloc(module.lengthBytesUTF8(file.name) + 1);
          module.stringToUTF8(file.name, name, module.lengthBytesUTF8(file.name) + 1);
          module._tirage_app_drop(name, p, bytes.length);
          module._free(p);
          module._free(name);
        });
      });
    }))
    .catch(fail);
})();
