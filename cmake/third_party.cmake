# Third-party libraries as imported targets, the same names on both sides:
#   tirage::crypto    OpenSSL libcrypto
#   tirage::utf8proc  utf8proc (NFC normalization)
#   tirage::json      nlohmann/json (header-only)
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/wasm_node.cmake)
  # C++ exceptions are on in Wasm too: nlohmann/json and the standard library
  # report through them inside the edges (never across the JS boundary).
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions)
  if(NOT TIRAGE_WASM_DEPS OR NOT EXISTS "${TIRAGE_WASM_DEPS}/lib/libcrypto.a")
    message(FATAL_ERROR "TIRAGE_WASM_DEPS must point at the Wasm third-party prefix "
                        "(run scripts/bootstrap.sh); got '${TIRAGE_WASM_DEPS}'")
  endif()
  add_library(tirage::crypto STATIC IMPORTED GLOBAL)
  set_target_properties(tirage::crypto PROPERTIES
    IMPORTED_LOCATION "${TIRAGE_WASM_DEPS}/lib/libcrypto.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include")
  add_library(tirage::utf8proc STATIC IMPORTED GLOBAL)
  set_target_properties(tirage::utf8proc PROPERTIES
    IMPORTED_LOCATION "${TIRAGE_WASM_DEPS}/lib/libutf8proc.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include"
    INTERFACE_COMPILE_DEFINITIONS "UTF8PROC_STATIC")
  add_library(tirage::json INTERFACE IMPORTED GLOBAL)
  set_target_properties(tirage::json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include")
else()
  find_package(OpenSSL 3 REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
  find_package(nlohmann_json 3.10 REQUIRED)
  add_library(tirage::crypto ALIAS OpenSSL::Crypto)
  add_library(tirage::utf8proc ALIAS PkgConfig::UTF8PROC)
  add_library(tirage::json ALIAS nlohmann_json::nlohmann_json)
endif()
