# The organizer app's code as libraries, for the app (wasm/app/CMakeLists.txt)
# and for its tests natively and in Wasm (tests/CMakeLists.txt), included from
# either, once per build tree:
#   tirage_imgui      Dear ImGui 1.86 without a platform or renderer backend
#   tirage_app_model  api/ (ApiClient over a Transport), model/, ui/i18n and the
#                     catalogs: no browser, no ImGui
#   tirage_app_ui_library(<name> <automation ON|OFF>)
#                     OrganizerApp and its screens over the two above; the
#                     automation build records widgets (TIRAGE_AUTOMATION)
# What only a page has (GLFW, WebGL, the bridge to JS) stays in wasm/app/CMakeLists.txt.
include_guard(GLOBAL)
set(TIRAGE_APP_DIR ${CMAKE_CURRENT_LIST_DIR})

# Dear ImGui from the Debian source package that scripts/bootstrap.sh fetched
# into its cache (beside the Wasm prefix; ~/.cache/tirage, or $TIRAGE_CACHE).
if(TIRAGE_WASM_DEPS)
  get_filename_component(TIRAGE_CACHE_DIR "${TIRAGE_WASM_DEPS}/../.." ABSOLUTE)
elseif(DEFINED ENV{TIRAGE_CACHE})
  set(TIRAGE_CACHE_DIR "$ENV{TIRAGE_CACHE}")
else()
  set(TIRAGE_CACHE_DIR "$ENV{HOME}/.cache/tirage")
endif()
file(GLOB IMGUI_TARBALL "${TIRAGE_CACHE_DIR}/src/imgui_*.orig.tar.xz")
if(NOT IMGUI_TARBALL)
  message(FATAL_ERROR "Dear ImGui's Debian source is missing from ${TIRAGE_CACHE_DIR}/src (run scripts/bootstrap.sh)")
endif()
set(IMGUI_DIR ${CMAKE_BINARY_DIR}/third_party/imgui)
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  file(ARCHIVE_EXTRACT INPUT ${IMGUI_TARBALL} DESTINATION ${CMAKE_BINARY_DIR}/third_party/imgui-unpack)
  file(GLOB IMGUI_UNPACKED ${CMAKE_BINARY_DIR}/third_party/imgui-unpack/imgui-*)
  file(RENAME ${IMGUI_UNPACKED} ${IMGUI_DIR})
endif()
add_library(tirage_imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(tirage_imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_options(tirage_imgui PRIVATE -O2)
target_compile_definitions(tirage_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS=0)
# TIRAGE_IMGUI_USER_CONFIG, when set before the include: ImGui's imconfig additions (the headless test's IM_ASSERT).
if(TIRAGE_IMGUI_USER_CONFIG)
  target_compile_definitions(tirage_imgui PUBLIC "IMGUI_USER_CONFIG=\"${TIRAGE_IMGUI_USER_CONFIG}\"")
endif()

# The catalogs are compiled in (one JSON file per language under catalogs/).
set(app_catalogs_dir ${CMAKE_BINARY_DIR}/generated/app)
set(app_catalogs_header ${app_catalogs_dir}/app_catalogs_embedded.hpp)
file(GLOB app_catalogs CONFIGURE_DEPENDS ${TIRAGE_APP_DIR}/catalogs/*.json)
add_custom_command(OUTPUT ${app_catalogs_header}
  COMMAND ${CMAKE_COMMAND} -DSRC=${TIRAGE_APP_DIR} -DOUT=${app_catalogs_header} -DFUNC=embedded_app_catalogs
          -P ${PROJECT_SOURCE_DIR}/cmake/embed_catalogs.cmake
  DEPENDS ${app_catalogs} ${PROJECT_SOURCE_DIR}/cmake/embed_catalogs.cmake)

add_library(tirage_app_model STATIC
  ${TIRAGE_APP_DIR}/api/api_client.cpp
  ${TIRAGE_APP_DIR}/model/giveaway.cpp
  ${TIRAGE_APP_DIR}/model/giveaway_list.cpp
  ${TIRAGE_APP_DIR}/model/participants_pipeline.cpp
  ${TIRAGE_APP_DIR}/model/draw_session.cpp
  ${TIRAGE_APP_DIR}/model/draw_body.cpp
  ${TIRAGE_APP_DIR}/model/handle_index.cpp
  ${TIRAGE_APP_DIR}/model/connections_model.cpp
  ${TIRAGE_APP_DIR}/model/post_import.cpp
  ${TIRAGE_APP_DIR}/model/imported_comments.cpp
  ${TIRAGE_APP_DIR}/model/collection.cpp
  ${TIRAGE_APP_DIR}/model/local_time.cpp
  ${TIRAGE_APP_DIR}/model/engagement_rule.cpp
  ${TIRAGE_APP_DIR}/model/engagement_fetch.cpp
  ${TIRAGE_APP_DIR}/ui/i18n.cpp
  ${app_catalogs_header})
target_include_directories(tirage_app_model PUBLIC ${PROJECT_SOURCE_DIR} PRIVATE ${app_catalogs_dir})
target_link_libraries(tirage_app_model PUBLIC tirage_import tirage_core PRIVATE tirage_warnings)
target_compile_options(tirage_app_model PRIVATE -O2)

set(TIRAGE_APP_UI_SOURCES
  organizer_app.cpp
  organizer_session.cpp
  organizer_saved_work.cpp
  organizer_sources.cpp
  organizer_results.cpp
  ui/widgets.cpp
  ui/draw_animation.cpp
  screens/account_screen.cpp
  screens/home_screen.cpp
  screens/giveaway_list_panel.cpp
  screens/editor_screen.cpp
  screens/participants_step.cpp
  screens/filters_step.cpp
  screens/draw_step.cpp
  screens/connections_screen.cpp
  screens/post_import_panel.cpp
  screens/engagement_control.cpp)
list(TRANSFORM TIRAGE_APP_UI_SOURCES PREPEND ${TIRAGE_APP_DIR}/)

# The screens call the bridge (files, storage, clipboard): the app links the
# browser's, the headless test a fake of it.
function(tirage_app_ui_library name automation)
  set(sources ${TIRAGE_APP_UI_SOURCES})
  if(automation)
    list(APPEND sources ${TIRAGE_APP_DIR}/automation/automation.cpp ${TIRAGE_APP_DIR}/automation/app_state.cpp)
  endif()
  add_library(${name} STATIC ${sources})
  target_link_libraries(${name} PUBLIC tirage_app_model tirage_imgui PRIVATE tirage_warnings)
  target_compile_options(${name} PRIVATE -O2)
  if(automation)
    target_compile_definitions(${name} PUBLIC TIRAGE_AUTOMATION=1)
  endif()
endfunction()
