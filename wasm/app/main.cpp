// The organizer app's window: GLFW over a WebGL2 canvas, Dear ImGui drawing
// at the screen's real pixel density (crisp text on high-DPI phones), the
// browser clipboard, and the main loop. Everything inside the window is
// OrganizerApp's.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <string>

#include "wasm/app/automation/automation.hpp"
#include "wasm/app/browser/bridge.hpp"
#include "wasm/app/browser/browser_transport.hpp"
#include "wasm/app/organizer_app.hpp"
#include "wasm/app/ui/widgets.hpp"

namespace {

struct Window {
  GLFWwindow* glfw = nullptr;
  float ratio = 0;  // the device pixel ratio the fonts were built for
  tirage::app::BrowserTransport transport;  // before app: the app's requests go through it
  tirage::app::OrganizerApp app;
  std::string clipboard;  // the last text the browser pasted
};

Window* the_window = nullptr;  // the browser callbacks' way in (one window per page)

// The canvas fills the page; its backing store follows CSS size x devicePixelRatio.
EM_JS(void, js_fit_canvas, (int w, int h), {
  const c = Module.canvas;
  if (c.width !== w) c.width = w;
  if (c.height !== h) c.height = h;
  if (typeof GLFW !== "undefined" && GLFW.active) { GLFW.active.width = w; GLFW.active.height = h; }
});

void set_clipboard(void*, const char* text) { tirage::app::copy_to_clipboard(text ? text : ""); }
const char* get_clipboard(void*) { return the_window ? the_window->clipboard.c_str() : ""; }

// Every letter of French, Spanish and German (and most of Europe's), typographic punctuation, € and arrows.
const ImWchar kGlyphs[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x2000, 0x206F,
                           0x20AC, 0x20AC, 0x2190, 0x21FF, 0x2713, 0x2717, 0};

void build_fonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  if (!io.Fonts->AddFontFromFileTTF("/fonts/DejaVuSans.ttf", std::round(16.f * ratio), &cfg, kGlyphs)) io.Fonts->AddFontDefault();
  io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  tirage::app::ui::apply_theme(ratio);
}

void frame(void* arg) {
  auto& w = *static_cast<Window*>(arg);
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const auto ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  const int fb_w = static_cast<int>(std::lround(css_w * ratio)), fb_h = static_cast<int>(std::lround(css_h * ratio));
  js_fit_canvas(fb_w, fb_h);
  if (ratio != w.ratio) {
    w.ratio = ratio;
    build_fonts(ratio);
  }
  tirage::app::automation::begin_frame(ratio);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  w.app.frame(static_cast<float>(fb_w), static_cast<float>(fb_h));
  ImGui::Render();
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(0.97f, 0.97f, 0.98f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

// The page shell calls this when the browser pastes text (Ctrl+V, long press).
extern "C" EMSCRIPTEN_KEEPALIVE void tirage_app_paste(const char* text) {
  if (!the_window) return;
  the_window->clipboard = text ? text : "";
  ImGuiIO& io = ImGui::GetIO();
  // Ctrl+V / Cmd+V: ImGui reads the text through get_clipboard on its next
  // frame. A paste from a menu or a long press has no key: type it in.
  const bool shortcut = io.KeysDown[GLFW_KEY_V] && (io.KeyCtrl || io.KeySuper);
  if (!shortcut && io.WantTextInput) io.AddInputCharactersUTF8(the_window->clipboard.c_str());
}

// The page shell calls this for a file dropped on the page.
extern "C" EMSCRIPTEN_KEEPALIVE void tirage_app_drop(const char* name, const char* data, int len) {
  if (!the_window) return;
  std::string bytes(data, static_cast<std::size_t>(len));
  std::string n = name ? name : "";
  const bool xlsx = bytes.size() > 4 && bytes.compare(0, 4, "PK\x03\x04") == 0;
  the_window->app.set_source(xlsx ? tirage::SourceKind::xlsx : tirage::SourceKind::csv, n, std::move(bytes));
  the_window->app.giveaway.step = 1;
}

// Characters typed on a phone's on-screen keyboard (through the shell's hidden field).
extern "C" EMSCRIPTEN_KEEPALIVE void tirage_app_type(const char* text) {
  if (the_window && text) ImGui::GetIO().AddInputCharactersUTF8(text);
}

// The mouse wheel or a touchpad, in notches (up and left positive, as ImGui counts them).
extern "C" EMSCRIPTEN_KEEPALIVE void tirage_app_wheel(double x, double y) {
  if (!the_window) return;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseWheelH += static_cast<float>(x);
  io.MouseWheel += static_cast<float>(y);
}

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  auto* w = new Window();
  the_window = w;
  w->glfw = glfwCreateWindow(1280, 800, "Tirage", nullptr, nullptr);
  if (!w->glfw) return 1;
  glfwMakeContextCurrent(w->glfw);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code; work in progress lives in IndexedDB
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(w->glfw, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;

  w->app.api.set_transport(w->transport);
  w->app.start();
  emscripten_set_main_loop_arg(frame, w, 0, true);
  return 0;
}
