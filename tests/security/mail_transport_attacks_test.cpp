// Attacks on the way our mail leaves (issue 14, item 4): the server talks to
// a real SMTP relay (aiosmtpd, tests/fakes/smtp_relay.py) that wants STARTTLS
// or TLS and AUTH, under a self-signed certificate made for the test. Someone
// on the path strips STARTTLS to read the password and the reset links, or
// answers with a certificate of their own; neither gets anything.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/integration/harness.hpp"
#include "tests/integration/mail_sink.hpp"
#include "tests/security/attack_report.hpp"

namespace tirage::testing {
namespace {

// A self-signed certificate for 127.0.0.1 (and its key) made with openssl in dir, as dir/name.{crt,key}.
void make_certificate(const std::string& dir, const std::string& name, const std::string& san = "IP:127.0.0.1") {
  const std::string cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=tirage-test -addext "
                          "subjectAltName=" + san + " -keyout '" + dir + "/" + name + ".key' -out '" + dir + "/" + name + ".crt' 2>/dev/null";
  ASSERT_EQ(run(cmd), 0) << cmd;
}

class MailTransportAttacks : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = make_temp_dir("smtp-certs");
    make_certificate(dir_, "relay");
    make_certificate(dir_, "intruder");
    make_certificate(dir_, "other-name", "DNS:mail.other.example");
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }

  // A server whose mail goes to url (trusting the relay's certificate); asks a password reset for a fresh organizer.
  struct Sender {
    ServerUnderTest server;
    std::string to;
    Sender(const std::string& url, const std::string& to_address)
        : server({"--smtp-url", url, "--smtp-ca-file", dir_ + "/relay.crt", "--mail-retry-seconds", "1"}), to(to_address) {
      server.start();
      server.add_organizer(to);
      auto r = server.post("/api/v1/accounts/password-reset", Json{{"email", to}});
      EXPECT_EQ(r.status, 202) << r.raw;
    }
  };
  static std::vector<std::string> relay_args(const std::string& mode, const std::string& cert) {
    return {"--mode", mode, "--cert", dir_ + "/" + cert + ".crt", "--key", dir_ + "/" + cert + ".key", "--user", "tirage",
            "--password", "relay secret"};
  }
  // True when the relay saw a successful AUTH, and every AUTH it saw came over TLS.
  static bool authenticated_over_tls(const MailSink& relay) {
    bool ok = false;
    for (const auto& e : relay.events())
      if (e["event"] == "auth") {
        EXPECT_TRUE(e["tls"].get<bool>()) << "the password crossed the wire in clear";
        ok = ok || e["ok"].get<bool>();
      }
    return ok;
  }
  static std::string dir_;
};
std::string MailTransportAttacks::dir_;

TEST_F(MailTransportAttacks, MailGoesOverStartTlsWithAuthAndTheRelaysCertificateChecked) {
  guard("mail goes through a relay that requires STARTTLS and AUTH, under a certificate we were told to trust");
  MailSink relay(relay_args("starttls", "relay"));
  Sender s("smtp+starttls://tirage:relay%20secret@127.0.0.1:" + std::to_string(relay.port()), "starttls@example.com");
  auto mails = relay.mails_for("starttls@example.com");
  ASSERT_EQ(mails.size(), 1u) << s.server.log();
  EXPECT_EQ(mails[0]["subject"], "Reset your Tirage password");
  EXPECT_TRUE(authenticated_over_tls(relay));
}

TEST_F(MailTransportAttacks, MailGoesOverTlsFromTheStart) {
  guard("mail goes through a relay that speaks TLS from the first byte (smtps://) with AUTH");
  MailSink relay(relay_args("smtps", "relay"));
  Sender s("smtps://tirage:relay%20secret@127.0.0.1:" + std::to_string(relay.port()), "smtps@example.com");
  EXPECT_EQ(relay.mails_for("smtps@example.com").size(), 1u) << s.server.log();
  EXPECT_TRUE(authenticated_over_tls(relay));
}

TEST_F(MailTransportAttacks, StrippedStartTlsGetsNeitherThePasswordNorTheMail) {
  attack("strip STARTTLS from the relay's answer (a relay offering AUTH in clear) to read the password and the reset link");
  MailSink relay({"--mode", "plain", "--user", "tirage", "--password", "relay secret"});
  Sender s("smtp+starttls://tirage:relay%20secret@127.0.0.1:" + std::to_string(relay.port()), "stripped@example.com");
  std::this_thread::sleep_for(std::chrono::seconds(3));  // several attempts
  EXPECT_TRUE(relay.mails_for("stripped@example.com", 1, 0).empty());
  for (const auto& e : relay.events()) EXPECT_NE(e["event"], "auth") << "the client sent its credentials: " << e.dump();
  EXPECT_NE(s.server.log().find("STARTTLS"), std::string::npos) << s.server.log();
}

TEST_F(MailTransportAttacks, ARelayWithAnotherCertificateGetsNothing) {
  attack("stand in for the relay with a certificate of one's own (or one for another name)");
  for (const char* cert : {"intruder", "other-name"}) {
    MailSink relay(relay_args("starttls", cert));
    Sender s("smtp+starttls://tirage:relay%20secret@127.0.0.1:" + std::to_string(relay.port()), std::string(cert) + "@example.com");
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_TRUE(relay.mails_for(std::string(cert) + "@example.com", 1, 0).empty()) << cert;
    for (const auto& e : relay.events()) EXPECT_NE(e["event"], "auth") << cert << ": " << e.dump();
    EXPECT_NE(s.server.log().find("certificate"), std::string::npos) << s.server.log();
  }
}

TEST_F(MailTransportAttacks, CredentialsForAPlainRelayAreRefusedAtStart) {
  attack("configure a password for a relay reached without TLS (it would travel in clear)");
  std::string out;
  const int code = run(std::string("timeout 20 '") + TIRAGE_SERVER + "' --listen 127.0.0.1:0 --data '" + dir_ +
                           "/data' --smtp-url smtp://tirage:secret@127.0.0.1:25 2>&1",
                       &out);
  EXPECT_NE(code, 0);
  EXPECT_NE(out.find("TLS"), std::string::npos) << out;
}

}  // namespace
}  // namespace tirage::testing
