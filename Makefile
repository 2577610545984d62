# Tirage: the two commands are `make run` and `make test` (see README.md).
#
#   make run     bootstrap, build everything, serve http://localhost:8080
#   make test    bootstrap, build, run every test suite (native, Wasm, cross-check, fuzzing)
#   make bench   bootstrap, build, run the benchmarks under tests/bench/
#   make fuzz    every libFuzzer target for long (FUZZ_SECONDS each, default 300)
#   make build   bootstrap and build both trees (build/native, build/wasm)
#   make clean   remove build/ (the Wasm third-party cache stays in ~/.cache/tirage)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
NATIVE := build/native
WASM := build/wasm
NODE := node --no-experimental-fetch

.PHONY: all bootstrap build native wasm test test-native test-security test-wasm test-browser test-fuzz fuzz bench run clean

all: build

bootstrap:
	@scripts/bootstrap.sh

build: native wasm

native: bootstrap
	@scripts/build.sh native

wasm: bootstrap
	@scripts/build.sh wasm

test: build
	@$(MAKE) --no-print-directory test-native test-security test-wasm test-browser test-fuzz

test-native:
	@echo "== native tests (ctest)"
	@cd $(NATIVE) && ctest --output-on-failure -j $(JOBS) --timeout 900 --label-exclude security

# The security suite is in ctest too (label "security", one entry per attack); run
# here as one program so its output ends with every attack and its result.
test-security:
	@echo "== security: attacks against the real server (tests/security)"
	@$(NATIVE)/security_tests --gtest_brief=1

test-wasm:
	@echo "== shared/ unit tests compiled to Wasm, under Node"
	@$(NODE) $(WASM)/unit_tests.js --gtest_brief=1
	@echo "== the same, against the browser verifier's lite crypto (no EVP)"
	@$(NODE) $(WASM)/unit_tests_lite.js --gtest_brief=1
	@echo "== the organizer app's model tests compiled to Wasm, under Node"
	@$(NODE) $(WASM)/app_model_tests.js --gtest_brief=1
	@echo "== native and Wasm builds of the tool give the same answers"
	@tests/wasm/compare_cli.sh $(NATIVE)/tirage "$(NODE) $(WASM)/tirage.js"
	@echo "== the Wasm verifier's exports, through the pages' JS wrapper"
	@$(NODE) tests/wasm/verifier_exports_test.mjs

test-browser:
	@echo "== browser tests (Debian's Chromium, playwright-core)"
	@cd tests/browser && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent; }
	@node tests/browser/verify_page_test.mjs
	@echo "== the organizer app in the browser (automation build, real server and SMTP)"
	@node tests/browser/app_test.mjs
	@echo "== the organizer app keeps every giveaway of the browser (issue 14, no lost work)"
	@node tests/browser/app_giveaways_test.mjs
	@echo "== the API reference page (/api) renders docs/openapi.json, self-hosted, under the CSP"
	@node tests/browser/api_reference_test.mjs
	@echo "== the billing page in the browser (real server, fake Stripe)"
	@node tests/browser/billing_page_test.mjs
	@echo "== sign in with Google against the fake OAuth server"
	@node tests/browser/oauth_login_test.mjs
	@echo "== the Docker image's layout, without Docker (the Dockerfile's runtime stage over these builds)"
	@node tests/deploy/image_layout_test.mjs
	@echo "== the app connects a (fake) Instagram account and imports a post's comments into a draw"
	@node tests/browser/platform_import_test.mjs
	@echo "== X imports that keep collecting as the giveaway runs; a Facebook account with two Pages picks one"
	@node tests/browser/platform_import_fb_x_test.mjs
	@echo "== YouTube (Google connection, replies, quota) and TikTok (guided export file) imports in the app"
	@node tests/browser/platform_import_yt_tiktok_test.mjs

test-fuzz:
	@echo "== fuzzing the parsers of untrusted input (libFuzzer, ASan, UBSan)"
	@scripts/fuzz.sh

# Long fuzzing by hand (not part of make test): random seeds, time-bounded.
fuzz: bootstrap
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} scripts/fuzz.sh

bench: build
	@tests/bench/run.sh

run: build
	@scripts/run.sh

clean:
	rm -rf build
