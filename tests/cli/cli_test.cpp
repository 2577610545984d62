// The `tirage` tool as scripts see it: exit codes, outputs and error messages.
// Runs the real binary (TIRAGE_CLI) through /bin/sh with files for stdin.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>
#include <string>

#include "shared/protocol/key_trust.hpp"
#include "tests/cli/cli_fixture.hpp"
#include "tests/support/example_bundle.hpp"
#include "tests/support/forged_bundle.hpp"

namespace {

using tirage::testing::CliTest;
using tirage::testing::Outcome;

const std::string kEightLeaves = "\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n";
const std::string kHashA(64, 'a');
const std::string kHashB(64, 'b');

TEST_F(CliTest, MerkleRootOfTheRfc6962ReferenceSet) {
  Outcome r = tirage("merkle root --hex", kEightLeaves);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328\n");
}

TEST_F(CliTest, MerkleRootOfNoLeavesIsTheEmptyHash) {
  Outcome r = tirage("merkle root", "");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
}

TEST_F(CliTest, MerkleRawLinesAreTheLeafBytes) {
  // "a\nb\n" and "a\nb" are the same two leaves; hex of "a" is 61.
  Outcome raw = tirage("merkle root", "a\nb\n");
  Outcome raw_no_final_newline = tirage("merkle root", "a\nb");
  Outcome hex = tirage("merkle root --hex", "61\n62\n");
  EXPECT_EQ(raw.out, hex.out);
  EXPECT_EQ(raw_no_final_newline.out, hex.out);
}

TEST_F(CliTest, MerkleProveGivesTheAuditPathLeafSideFirst) {
  Outcome r = tirage("merkle prove --index 0 --hex", kEightLeaves);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7\n"
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e\n"
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4\n");
}

TEST_F(CliTest, MerkleConsistencyFromThreeToEight) {
  Outcome r = tirage("merkle consistency --old 3 --hex", kEightLeaves);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7\n"
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7\n"
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125\n"
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4\n");
}

TEST_F(CliTest, MerkleBadInputExitsTwoNamingTheLine) {
  Outcome odd = tirage("merkle root --hex", "00\n0\n");
  EXPECT_EQ(odd.code, 2);
  EXPECT_NE(odd.err.find("line 2"), std::string::npos) << odd.err;
  Outcome nonhex = tirage("merkle root --hex", "00\nzz\n");
  EXPECT_EQ(nonhex.code, 2);
  EXPECT_NE(nonhex.err.find("line 2"), std::string::npos) << nonhex.err;
  Outcome out_of_range = tirage("merkle prove --index 8 --hex", kEightLeaves);
  EXPECT_EQ(out_of_range.code, 2);
  EXPECT_NE(out_of_range.err.find("out of range"), std::string::npos) << out_of_range.err;
  Outcome old_zero = tirage("merkle consistency --old 0 --hex", kEightLeaves);
  EXPECT_EQ(old_zero.code, 2);
  Outcome old_too_big = tirage("merkle consistency --old 9 --hex", kEightLeaves);
  EXPECT_EQ(old_too_big.code, 2);
  Outcome not_a_number = tirage("merkle prove --index x", "a\n");
  EXPECT_EQ(not_a_number.code, 2);
  EXPECT_NE(not_a_number.err.find("--index"), std::string::npos) << not_a_number.err;
  Outcome unknown_verb = tirage("merkle grow", "");
  EXPECT_EQ(unknown_verb.code, 2);
}

TEST_F(CliTest, ParticipantsNormalizesDedupesAndCounts) {
  std::string file = write("p.jsonl",
                           "{\"platform\":\"list\",\"id\":\" @Alice \",\"name\":\"Alice\"}\n"
                           "{\"platform\":\"list\",\"id\":\"alice\",\"name\":\"Alice again\"}\n"
                           "\n"
                           "{\"platform\":\"x\",\"id\":\"9\",\"name\":\"Zoe\\u0301\"}\n");
  Outcome r = tirage("participants " + file);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"participants_count\":2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"duplicates_dropped\":1"), std::string::npos) << r.out;
  // The same list, already normalized and in another order, has the same root.
  std::string same = write("q.jsonl",
                           "{\"platform\":\"x\",\"id\":\"9\",\"name\":\"Zo\xC3\xA9\"}\n"
                           "{\"platform\":\"list\",\"id\":\"alice\",\"name\":\"Alice\"}\n");
  Outcome q = tirage("participants -", slurp(same));
  auto root = [](const std::string& out) { return out.substr(out.find("participants_root")); };
  EXPECT_EQ(root(q.out), root(r.out));
}

TEST_F(CliTest, ParticipantsBadInputNamesLineAndField) {
  Outcome malformed = tirage("participants -", "{\"platform\":\"list\",\"id\":\"a\",\"name\":\"a\"}\n{\"platform\":\n");
  EXPECT_EQ(malformed.code, 2);
  EXPECT_NE(malformed.err.find("line 2"), std::string::npos) << malformed.err;
  Outcome wrong_type = tirage("participants -", "{\"platform\":\"list\",\"id\":5,\"name\":\"a\"}\n");
  EXPECT_EQ(wrong_type.code, 2);
  EXPECT_NE(wrong_type.err.find("entry.id: got integer 5, wanted string"), std::string::npos) << wrong_type.err;
  Outcome bad_utf8 = tirage("participants -", "{\"platform\":\"list\",\"id\":\"a\xff\",\"name\":\"a\"}\n");
  EXPECT_EQ(bad_utf8.code, 2);
  EXPECT_NE(bad_utf8.err.find("line 1"), std::string::npos) << bad_utf8.err;
  Outcome platform = tirage("participants -", "{\"platform\":\"myspace\",\"id\":\"a\",\"name\":\"a\"}\n");
  EXPECT_EQ(platform.code, 2);
  EXPECT_NE(platform.err.find("platform"), std::string::npos) << platform.err;
  Outcome missing_file = tirage("participants " + path("nope.jsonl"));
  EXPECT_EQ(missing_file.code, 2);
  EXPECT_NE(missing_file.err.find("nope.jsonl"), std::string::npos) << missing_file.err;
}

TEST_F(CliTest, ParticipantsFromAppSourcesRejectBadInputNamingWhere) {
  const std::string import = std::string(TIRAGE_VECTORS_DIR) + "/import/";
  const std::string csv = write("c.csv", "username,comment\n@a,#noel\n@b,hi\n");
  auto fails = [&](const std::string& args, const std::string& needle, int code = 2) {
    Outcome r = tirage("participants " + args);
    EXPECT_EQ(r.code, code) << args << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\n" << r.err;
  };
  // Broken files: the file, then where in it.
  fails(import + "malformed_quote.csv", "malformed_quote.csv: line 3");
  fails(import + "bad_xml.xlsx", "bad_xml.xlsx: xl/worksheets/sheet1.xml");
  fails(import + "truncated.xlsx", "truncated.xlsx: ");
  fails(import + "bomb.xlsx", "bomb.xlsx: ");
  fails(path("missing.csv"), "missing.csv");
  // Columns, formats and platforms that do not exist.
  fails(csv + " --handle-column pseudo", "the handle column \"pseudo\" is neither a header");
  fails(csv + " --text-column 9", "column 9 does not exist (the table has 2)");
  fails(csv + " --format pdf", "--format must be csv, xlsx, text, jsonl or entries");
  fails(csv + " --platform myspace", "--platform must be");
  fails(csv + " --format text --handle-column 1", "the column flags are for csv and xlsx");
  fails(csv + " --format jsonl --platform x", "--platform does not apply to jsonl");
  fails(csv + " --format entries --hashtags noel", "entries are the draw's list itself");
  // Rules: the flag or field at fault.
  fails(csv + " --from yesterday", "--from: rules.window_from: ");
  fails(csv + " --from 2026-12-24T00:00:00Z --until 2026-12-01T00:00:00Z", "--until: rules.window_until: is before");
  fails(csv + " --min-mentions many", "--min-mentions must be a non-negative integer");
  fails(csv + " --keyword-mode most", "--keyword-mode: rules.keyword_mode: got string \"most\", wanted \"any\" or \"all\"");
  fails(csv + " --rules '{\"min_mentions\":-1}'", "--rules: rules.min_mentions: got integer -1, wanted non-negative integer");
  fails(csv + " --rules '{\"colour\":\"red\"}'", "--rules: rules: unknown field \"colour\"");
  fails(csv + " --rules " + path("nope.json"), "nope.json");
  fails(csv + " --rules '{}' --hashtags noel", "--rules and the filter flags do not go together");
  fails(csv + " --engagement x_repost", "give the accounts that engaged with --engaged FILE");
  fails(csv + " --engaged " + csv, "--engaged is for a rule that requires an engagement");
  fails(csv + " --now soon", "--now: ");
  // Commitments: not one, or one whose filters flags would replace.
  fails(csv + " --commitment " + csv, "c.csv: the commitment: invalid JSON at line 1, column 1");
  fails(csv + " --commitment " + write("x.json", "{\"draw_id\":\"d_1\"}"), "x.json: not a commitment");
  fails(csv + " --commitment " + write("c.json", "{\"type\":\"tirage/commitment/v1\"}"), "c.json: ");
  const std::string app_commitment = write(
      "app.json", "{\"type\":\"tirage/commitment/v1\",\"draw_id\":\"d_1\",\"giveaway_id\":\"g_1\",\"title\":\"t\","
                  "\"organizer\":\"o_1\",\"participants_root\":\"" + std::string(64, 'a') +
                  "\",\"participants_count\":2,\"winners\":1,\"alternates\":0,\"rules\":{\"filters\":"
                  "{\"required_hashtags\":[\"noel\"]},\"source\":\"c.csv\"},\"beacon\":{\"source\":\"local\","
                  "\"commit\":\"" + std::string(64, 'c') + "\",\"reveal_at\":\"2026-12-24T18:00:30Z\"},"
                  "\"committed_at\":\"2026-12-24T18:00:00Z\"}");
  fails(csv + " --commitment " + app_commitment + " --hashtags noel", "the commitment records its filters");
  // Applied as recorded (#noel keeps @a only), then compared: exit 1 naming both roots.
  Outcome mismatch = tirage("participants " + csv + " --commitment " + app_commitment);
  EXPECT_EQ(mismatch.code, 1) << mismatch.err;
  EXPECT_NE(mismatch.err.find("2 participants committed, 1 rebuilt; root aaaa"), std::string::npos) << mismatch.err;
  EXPECT_NE(mismatch.out.find("\"matches\":false"), std::string::npos) << mismatch.out;
  // A published bundle whose winners are on another platform: the hint says which.
  Outcome bundle = tirage("participants " + csv + " --commitment " + std::string(TIRAGE_VECTORS_DIR) + "/bundle/valid.json");
  EXPECT_EQ(bundle.code, 1);
  EXPECT_NE(bundle.err.find("20 participants committed, 2 rebuilt"), std::string::npos) << bundle.err;
}

TEST_F(CliTest, ParticipantsFromJsonLinesOfCommentsListLinesLeftOut) {
  Outcome r = tirage("participants - --format jsonl",
                     "{\"platform\":\"x\",\"user_id\":\"1\",\"handle\":\"@a\"}\n{\"platform\":\"x\"}\n"
                     "{\"platform\":\"x\",\"user_id\":\"2\",\"handle\":\"@b\"}\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\"participants_count\":2"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("stdin line 2: fields \"user_id\" and \"handle\": at least one must be given"), std::string::npos)
      << r.err;
  // Without --format, the fields of the first line tell comments from entries.
  Outcome sniffed = tirage("participants -", "{\"platform\":\"x\",\"user_id\":\"1\",\"handle\":\"@a\"}\n");
  EXPECT_NE(sniffed.out.find("\"format\":\"jsonl\""), std::string::npos) << sniffed.out << sniffed.err;
}

TEST_F(CliTest, DrawIsDeterministicAndProvesEachPick) {
  std::string list;
  for (int i = 0; i < 50; ++i)
    list += "{\"platform\":\"list\",\"id\":\"user" + std::to_string(i) + "\",\"name\":\"User " + std::to_string(i) + "\"}\n";
  std::string file = write("p.jsonl", list);
  std::string args = "draw --participants " + file + " --winners 3 --alternates 2 --commitment-hash " + kHashA +
                     " --beacon " + kHashB;
  Outcome a = tirage(args), b = tirage(args);
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("\"participants_count\": 50"), std::string::npos);
  EXPECT_NE(a.out.find("\"rank\": 3"), std::string::npos);
  Outcome other_beacon = tirage("draw --participants " + file + " --winners 3 --alternates 2 --commitment-hash " + kHashA +
                            " --beacon " + kHashA);
  EXPECT_NE(other_beacon.out, a.out);
}

TEST_F(CliTest, DrawRejectsImpossibleCountsAndBadHex) {
  std::string file = write("p.jsonl", "{\"platform\":\"list\",\"id\":\"a\",\"name\":\"a\"}\n"
                                      "{\"platform\":\"list\",\"id\":\"b\",\"name\":\"b\"}\n");
  std::string tail = " --commitment-hash " + kHashA + " --beacon " + kHashB;
  Outcome too_many = tirage("draw --participants " + file + " --winners 2 --alternates 1" + tail);
  EXPECT_EQ(too_many.code, 2);
  EXPECT_NE(too_many.err.find("exceed"), std::string::npos) << too_many.err;
  Outcome exactly_all = tirage("draw --participants " + file + " --winners 1 --alternates 1" + tail);
  EXPECT_EQ(exactly_all.code, 0) << exactly_all.err;
  Outcome zero = tirage("draw --participants " + file + " --winners 0" + tail);
  EXPECT_EQ(zero.code, 2);
  std::string empty = write("empty.jsonl", "");
  Outcome none = tirage("draw --participants " + empty + " --winners 1" + tail);
  EXPECT_EQ(none.code, 2);
  EXPECT_NE(none.err.find("no participants"), std::string::npos) << none.err;
  Outcome short_hash = tirage("draw --participants " + file + " --winners 1 --commitment-hash abcd --beacon " + kHashB);
  EXPECT_EQ(short_hash.code, 2);
  EXPECT_NE(short_hash.err.find("--commitment-hash"), std::string::npos) << short_hash.err;
  Outcome bad_beacon = tirage("draw --participants " + file + " --winners 1 --commitment-hash " + kHashA + " --beacon xyz");
  EXPECT_EQ(bad_beacon.code, 2);
  EXPECT_NE(bad_beacon.err.find("--beacon"), std::string::npos) << bad_beacon.err;
  Outcome missing = tirage("draw --participants " + file + tail);
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("--winners"), std::string::npos) << missing.err;
}

TEST_F(CliTest, KeysSignAndVerifyEnvelopes) {
  Outcome gen = tirage("keygen --out " + path("k.pem"));
  ASSERT_EQ(gen.code, 0) << gen.err;
  struct stat st {};
  ASSERT_EQ(::stat(path("k.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  Outcome again = tirage("keygen --out " + path("k.pem"));
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("refusing to overwrite"), std::string::npos);

  Outcome pub = tirage("pubkey --key " + path("k.pem"));
  ASSERT_EQ(pub.code, 0);
  std::string pubkey = pub.out.substr(0, 64);
  Outcome sign = tirage("sign --key " + path("k.pem"), "{\"type\":\"test\",\"n\":1}");
  ASSERT_EQ(sign.code, 0) << sign.err;
  EXPECT_EQ(tirage("verify-envelope --pubkey " + pubkey, sign.out).code, 0);

  std::string tampered = sign.out;
  tampered.replace(tampered.find("\"n\":1"), 5, "\"n\":2");
  EXPECT_EQ(tirage("verify-envelope --pubkey " + pubkey, tampered).code, 1);
  EXPECT_EQ(tirage("verify-envelope --pubkey " + std::string(64, '0'), sign.out).code, 1);
  EXPECT_EQ(tirage("verify-envelope --pubkey " + pubkey, "{not json").code, 2);
  EXPECT_EQ(tirage("verify-envelope --pubkey zz", sign.out).code, 2);
  EXPECT_EQ(tirage("sign --key " + path("missing.pem"), "{}").code, 2);
}

TEST_F(CliTest, Rfc3797WorkedExample) {
  // RFC 3797 section 6: a pool of 25, ten selected, three sources as published.
  Outcome r = tirage("rfc3797 --pool 25 --select 10 '9319' '2 5 12 8 10' '9 18 26 34 41 45'");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"key\":\"9319./2.5.8.10.12./9.18.26.34.41.45./\",\"selected\":[17,7,2,16,25,23,8,24,19,13]}\n");
  EXPECT_EQ(tirage("rfc3797 --pool 3 --select 4 '1 2'").code, 2);
  EXPECT_EQ(tirage("rfc3797 --pool 3 --select 1").code, 2);
  Outcome no_values = tirage("rfc3797 --pool 3 --select 1 ' '");
  EXPECT_EQ(no_values.code, 2);
  EXPECT_NE(no_values.err.find("source 1"), std::string::npos) << no_values.err;
}

const std::string kVectors = std::string(TIRAGE_VECTORS_DIR) + "/bundle/";
const std::string kTrusted = " --keys " + kVectors + "keys.json";

TEST_F(CliTest, VerifyAcceptsThePublishedVectorsAndNamesTheFailingStep) {
  const std::string& dir = kVectors;
  for (const char* ok : {"valid.json", "valid-drand.json", "valid-substitutions.json", "valid-rotated.json"}) {
    Outcome r = tirage("verify " + dir + ok + kTrusted);
    EXPECT_EQ(r.code, 0) << ok << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("VERIFIED: every check holds"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.rfind("Trusted keys: " + dir + "keys.json, fingerprint ", 0), 0u) << r.out;
  }
  Outcome from_stdin = tirage("verify -" + kTrusted, slurp(dir + "valid.json"));
  EXPECT_EQ(from_stdin.code, 0);
  const std::pair<const char*, const char*> bad[] = {{"tampered-winner.json", "step 1"},
                                                     {"resigned-wrong-beacon.json", "step 3"},
                                                     {"resigned-wrong-seed.json", "step 4"},
                                                     {"resigned-swapped-entry.json", "step 5"},
                                                     {"tampered-log.json", "step 6"},
                                                     {"forged-self-signed.json", "step 1"},
                                                     {"forged-endorsement.json", "step 1"},
                                                     {"logged-after-beacon.json", "step 6"},
                                                     {"missing-committed.json", "step 6"}};
  for (const auto& [file, step] : bad) {
    Outcome r = tirage("verify " + dir + file + kTrusted);
    EXPECT_EQ(r.code, 1) << file;
    EXPECT_NE(r.out.find(std::string("NOT VERIFIED: ") + step), std::string::npos) << file << "\n" << r.out;
  }
}

TEST_F(CliTest, VerifyRefusesADrandSignatureThatIsNotDrands) {
  // randomness = H(signature) and everything after it consistent and signed:
  // only the BLS check against quicknet's pinned key can tell (on main it passed).
  const std::string dir = std::string(TIRAGE_VECTORS_DIR) + "/bundle/";
  Outcome r = tirage("verify " + dir + "resigned-not-drand.json" + kTrusted);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("PASS  [step 3] The drand beacon value is H(signature)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("NOT VERIFIED: step 3 failed: The drand round's BLS signature verifies against the chain's "
                       "pinned public key"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("drand chain quicknet, round 3: the BLS signature does not verify"), std::string::npos) << r.out;
}

TEST_F(CliTest, VerifyTakesADrandChainFileAndChecksItsHash) {
  // quicknet's chain info as drand serves it (tests/vectors/drand_quicknet.json).
  const std::string dir = std::string(TIRAGE_VECTORS_DIR) + "/";
  nlohmann::json info = nlohmann::json::parse(slurp(dir + "drand_quicknet.json"))["info"];
  const std::string good = write("quicknet.json", info.dump());
  Outcome ok = tirage("verify " + dir + "bundle/valid-drand.json --drand-chain " + good + kTrusted);
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  info["period"] = 4;  // the chain hash no longer commits to the fields
  const std::string bad = write("bad-chain.json", info.dump());
  Outcome refused = tirage("verify " + dir + "bundle/valid-drand.json --drand-chain " + bad + kTrusted);
  EXPECT_EQ(refused.code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find(bad), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("the chain's fields hash to"), std::string::npos) << refused.err;
}

// Issue 13: anyone can make a bundle with their own key, their own log and a
// local beacon ground until a friend wins; the tool refuses it, naming the key.
TEST_F(CliTest, VerifyRefusesABundleSignedByAKeyItDoesNotTrust) {
  auto forgery = tirage::testing::forge_bundle("participant12");
  const std::string bundle = write("forged.json", forgery.bundle.dump());
  const std::string own_keys = write("forger-keys.json", forgery.keys.dump());
  const std::string forger_key = forgery.keys["keys"][0]["key_id"];

  Outcome refused = tirage("verify " + bundle + kTrusted);
  EXPECT_EQ(refused.code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.out.find("NOT VERIFIED: step 1 failed: The commitment is signed by a trusted Tirage key valid at "
                             "commitment time: key " + forger_key + " is offered by the bundle but not trusted"),
            std::string::npos)
      << refused.out;
  EXPECT_EQ(refused.out.find("winner 1:"), std::string::npos) << "a refused bundle's winners must not be printed";

  // Under the forger's own keys it is a perfect bundle: only the key set tells.
  Outcome own = tirage("verify " + bundle + " --keys " + own_keys);
  EXPECT_EQ(own.code, 0) << own.out;
  EXPECT_NE(own.out.find("winner 1: Participant 12 (list"), std::string::npos) << own.out;
}

TEST_F(CliTest, VerifyWithoutKeysUsesTheServiceKeySetBuiltIn) {
  auto service = tirage::parse_json(slurp(TIRAGE_SERVICE_KEYS));
  ASSERT_TRUE(service.ok()) << "config/service-keys.json: " << service.error().message;
  auto keys = tirage::keyset_from_json(*service);
  ASSERT_TRUE(keys.ok()) << "config/service-keys.json: " << keys.error().message;
  Outcome r = tirage("verify " + kVectors + "forged-self-signed.json");
  if (keys->empty()) {
    // Never a made-up key: with none pinned, the tool asks for --keys.
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_EQ(r.err,
              "tirage verify: this tool was built with no service key (config/service-keys.json holds none): pass "
              "--keys FILE, the service's /.well-known/tirage-keys.json from a source you trust\n");
    EXPECT_EQ(r.out.find("VERIFIED"), std::string::npos);
  } else {
    // The pinned service key set: its fingerprint is said, and a forgery still fails.
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("Trusted keys: the service's key set built into this tool (config/service-keys.json), "
                         "fingerprint " + *tirage::keyset_fingerprint(*service)),
              std::string::npos)
        << r.out;
  }
}

TEST_F(CliTest, VerifyRefusesACommitmentLoggedAfterItsBeacon) {
  // Signed by the service's key, but the first log head holding the commitment
  // is from the second its beacon was published.
  const std::string late = write("late.json", tirage::testing::make_example_bundle({.committed_head_after = 30}).dump());
  Outcome r = tirage("verify " + late + kTrusted);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("NOT VERIFIED: step 6 failed: The commitment was in the signed log before the beacon existed: "
                       "the first signed log head holding the commitment is from 2026-12-24T18:00:30Z, not before the "
                       "beacon was published at 2026-12-24T18:00:30Z"),
            std::string::npos)
      << r.out;
}

TEST_F(CliTest, VerifyRejectsMalformedBundles) {
  EXPECT_EQ(tirage("verify -" + kTrusted, "{nope").code, 2);
  Outcome wrong_shape = tirage("verify -" + kTrusted, "{\"keys\":{\"keys\":[]}}");
  EXPECT_EQ(wrong_shape.code, 1);
  EXPECT_NE(wrong_shape.out.find("NOT VERIFIED"), std::string::npos) << wrong_shape.out;
  // Key sets: missing, not JSON, empty; each named.
  Outcome missing = tirage("verify " + kVectors + "valid.json --keys " + path("none.json"));
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("none.json"), std::string::npos) << missing.err;
  Outcome garbage = tirage("verify " + kVectors + "valid.json --keys " + write("k.json", "{\"keys\": [1]}"));
  EXPECT_EQ(garbage.code, 2);
  EXPECT_NE(garbage.err.find("k.json: keys[0]: got integer 1, wanted object"), std::string::npos) << garbage.err;
  Outcome empty = tirage("verify " + kVectors + "valid.json --keys " + write("e.json", "{\"keys\": []}"));
  EXPECT_EQ(empty.code, 2);
  EXPECT_NE(empty.err.find("e.json holds no key"), std::string::npos) << empty.err;
}

TEST_F(CliTest, EverySubcommandHasHelp) {
  for (const char* cmd : {"merkle", "participants", "draw", "rfc3797", "keygen", "pubkey", "sign", "verify-envelope",
                          "verify"}) {
    Outcome r = tirage(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("usage: tirage"), std::string::npos) << cmd;
  }
  Outcome top = tirage("--help");
  EXPECT_EQ(top.code, 0);
  EXPECT_EQ(tirage("frobnicate").code, 2);
  EXPECT_EQ(tirage("").code, 2);
}

}  // namespace
