#include "tests/integration/mail_sink.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace tirage::testing {

MailSink::MailSink(std::vector<std::string> relay_args) : dir_(make_temp_dir("mail")), port_(free_port()) {
  if (relay_args.empty()) {
    process_.start({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_), "-c",
                    "aiosmtpd.handlers.Mailbox", dir_ + "/box"},
                   dir_ + "/smtp.log");
  } else {
    std::vector<std::string> argv = {"/usr/bin/python3", std::string(TIRAGE_FAKES) + "/smtp_relay.py", "--port", std::to_string(port_),
                                     "--maildir", dir_ + "/box"};
    argv.insert(argv.end(), relay_args.begin(), relay_args.end());
    process_.start(argv, dir_ + "/smtp.log");
  }
  // Ready once it accepts connections.
  for (int i = 0; i < 100 && !process_.exited(); ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    if (up) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  throw std::runtime_error("the SMTP server did not start: " + dir_ + "/smtp.log");
}

MailSink::~MailSink() {
  process_.kill_now();
  std::filesystem::remove_all(dir_);
}

std::vector<Json> MailSink::mails_for(const std::string& address, std::size_t count, int wait_ms) const {
  std::vector<Json> out;
  for (int waited = 0;; waited += 100) {
    std::string text;
    if (std::filesystem::exists(dir_ + "/box/new"))
      run("/usr/bin/python3 '" + std::string(TIRAGE_FAKES) + "/read_mail.py' '" + dir_ + "/box' '" + address + "' 2>/dev/null", &text);
    out.clear();
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (auto j = parse_json(line)) out.push_back(*j);
    if (out.size() >= count || waited >= wait_ms) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::vector<Json> MailSink::events() const {
  std::ifstream in(dir_ + "/smtp.log");
  std::vector<Json> out;
  for (std::string line; std::getline(in, line);)
    if (auto j = parse_json(line); j && j->is_object() && j->contains("event")) out.push_back(*j);
  return out;
}

}  // namespace tirage::testing
