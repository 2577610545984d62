// Dear ImGui's user config for the headless frame test (IMGUI_USER_CONFIG):
// a failed IM_ASSERT throws instead of aborting, so the test reports which
// check of ImGui's the app broke, on which screen and in which language.
#pragma once

namespace tirage::app::testing {
// Throws std::logic_error naming the failed check and where it is.
[[noreturn]] void imgui_assert_failed(const char* expr, const char* file, int line);
}  // namespace tirage::app::testing

#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : ::tirage::app::testing::imgui_assert_failed(#_EXPR, __FILE__, __LINE__))
