// tirage-server: serve, or an operator command (user add, key rotate).
#include <signal.h>

#include <cstring>
#include <iostream>
#include <thread>

#include "server/app.hpp"
#include "server/clock.hpp"
#include "server/db/migrations.hpp"
#include "server/log/event_log.hpp"

namespace {

using namespace tirage;
using namespace tirage::server;

int fail(const Error& e) {
  std::cerr << "tirage-server: " << e.message << "\n";
  return e.code == "usage" ? 2 : 1;
}

// `user add --data DIR --email E --password P [--api-key] [--plan ID]`: a verified organizer, for operators.
int user_add(int argc, char** argv) {
  std::string data = "var/data", email, password;
  bool api_key = false;
  std::string plan;
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--data") data = next();
    else if (a == "--email") email = next();
    else if (a == "--password") password = next();
    else if (a == "--api-key") api_key = true;
    else if (a == "--plan") plan = next();
    else return fail(make_error("usage", "unknown option " + a + " for user add"));
  }
  if (email.empty() || password.empty()) return fail(make_error("usage", "user add needs --email and --password"));
  Config config;
  config.data_dir = data;
  config.beacon = "local";
  auto app = App::open(config);
  if (!app) return fail(app.error());
  auto org = (*app)->organizers().create(email, password, true, "en", now_seconds());
  if (!org) return fail(org.error());
  if (!plan.empty())
    if (auto ok = (*app)->billing().grant(org->id, plan, now_seconds()); !ok) return fail(ok.error());
  std::cout << "organizer " << org->id << " <" << org->email << ">\n";
  if (api_key) {
    auto key = (*app)->organizers().create_api_key(*org, "created by user add", now_seconds());
    if (!key) return fail(key.error());
    std::cout << key->key << "\n";
  }
  return 0;
}

// `key rotate --data DIR`: retire the current signing key and create a new one.
int key_rotate(int argc, char** argv) {
  std::string data = "var/data";
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else return fail(make_error("usage", "unknown option " + a + " for key rotate"));
  }
  Config config;
  config.data_dir = data;
  config.beacon = "local";
  auto app = App::open(config);
  if (!app) return fail(app.error());
  auto id = (*app)->keys().rotate(now_seconds());
  if (!id) return fail(id.error());
  std::cout << "new signing key " << *id << "\n";
  return 0;
}

int serve(int argc, char** argv, int first) {
  auto config = parse_config(argc, argv, first);
  if (!config) return fail(config.error());
  // Signals go to one thread that stops the server; request threads never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto app = App::open(*config);
  if (!app) return fail(app.error());
  App* raw = app->get();
  std::thread watcher([raw, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    log_event("info", "shutdown", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    raw->stop();
  });
  watcher.detach();
  auto ok = (*app)->serve();
  app->reset();  // closes the database cleanly before exit
  return ok ? 0 : fail(ok.error());
}

}  // namespace

int main(int argc, char** argv) {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    std::cout << config_help();
    return 0;
  }
  if (cmd == "user" && argc > 2 && std::strcmp(argv[2], "add") == 0) return user_add(argc, argv);
  if (cmd == "key" && argc > 2 && std::strcmp(argv[2], "rotate") == 0) return key_rotate(argc, argv);
  if (cmd == "serve") return serve(argc, argv, 2);
  if (!cmd.empty() && cmd.rfind("--", 0) != 0) return fail(make_error("usage", "unknown command \"" + cmd + "\" (see --help)"));
  return serve(argc, argv, 1);
}
