# Third-party libraries as imported targets, the same names on both sides:
#   tirage::openssl   OpenSSL libcrypto (tirage::crypto is shared/crypto/)
#   tirage::openssl_lite (Wasm only) OpenSSL's curve25519, SHA-256/512 and MD5
#                        code without EVP, for the browser verifier
#   tirage::utf8proc  utf8proc (NFC normalization)
#   tirage::json      nlohmann/json (header-only)
#   tirage::zlib      zlib (raw inflate for .xlsx archives)
#   tirage::pugixml   pugixml (the XML parts of .xlsx)
#   tirage::blst      supranational's blst (BLS12-381: drand's signatures), built by
#                     scripts/bootstrap.sh into the cache; TIRAGE_BLST is its prefix
#                     (default: the path bootstrap wrote to build/blst-{native,wasm}.path)
set(TIRAGE_BLST "" CACHE PATH "Prefix of the blst build (include/blst.h, lib/libblst.a)")
if(EMSCRIPTEN)
  set(tirage_blst_kind wasm)
else()
  set(tirage_blst_kind native)
endif()
set(tirage_blst_prefix "${TIRAGE_BLST}")
if(NOT tirage_blst_prefix AND EXISTS "${PROJECT_SOURCE_DIR}/build/blst-${tirage_blst_kind}.path")
  file(STRINGS "${PROJECT_SOURCE_DIR}/build/blst-${tirage_blst_kind}.path" tirage_blst_prefix LIMIT_COUNT 1)
  # A new blst build (another version or recipe) reconfigures the tree.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/build/blst-${tirage_blst_kind}.path")
endif()
if(NOT EXISTS "${tirage_blst_prefix}/lib/libblst.a" OR NOT EXISTS "${tirage_blst_prefix}/include/blst.h")
  message(FATAL_ERROR "blst (${tirage_blst_kind}) is missing: run scripts/bootstrap.sh, or set TIRAGE_BLST "
                      "to a prefix holding include/blst.h and lib/libblst.a (got '${tirage_blst_prefix}')")
endif()
add_library(tirage::blst STATIC IMPORTED GLOBAL)
set_target_properties(tirage::blst PROPERTIES
  IMPORTED_LOCATION "${tirage_blst_prefix}/lib/libblst.a"
  INTERFACE_INCLUDE_DIRECTORIES "${tirage_blst_prefix}/include")

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
  add_library(tirage::openssl STATIC IMPORTED GLOBAL)
  set_target_properties(tirage::openssl PROPERTIES
    IMPORTED_LOCATION "${TIRAGE_WASM_DEPS}/lib/libcrypto.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include")
  if(NOT EXISTS "${TIRAGE_WASM_DEPS}/lib/libcrypto_lite.a")
    message(FATAL_ERROR "${TIRAGE_WASM_DEPS}/lib/libcrypto_lite.a is missing (run scripts/bootstrap.sh)")
  endif()
  add_library(tirage::openssl_lite STATIC IMPORTED GLOBAL)
  set_target_properties(tirage::openssl_lite PROPERTIES
    IMPORTED_LOCATION "${TIRAGE_WASM_DEPS}/lib/libcrypto_lite.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include")
  add_library(tirage::utf8proc STATIC IMPORTED GLOBAL)
  set_target_properties(tirage::utf8proc PROPERTIES
    IMPORTED_LOCATION "${TIRAGE_WASM_DEPS}/lib/libutf8proc.a"
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include"
    INTERFACE_COMPILE_DEFINITIONS "UTF8PROC_STATIC")
  add_library(tirage::json INTERFACE IMPORTED GLOBAL)
  set_target_properties(tirage::json PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${TIRAGE_WASM_DEPS}/include")
  # zlib and pugixml: Debian's sources (unpacked by scripts/bootstrap.sh),
  # compiled here with em++/emcc like our own code.
  set(TIRAGE_ZLIB_SRC "${TIRAGE_WASM_DEPS}/src/zlib")
  set(TIRAGE_PUGIXML_SRC "${TIRAGE_WASM_DEPS}/src/pugixml")
  if(NOT EXISTS "${TIRAGE_ZLIB_SRC}/inflate.c" OR NOT EXISTS "${TIRAGE_PUGIXML_SRC}/src/pugixml.cpp")
    message(FATAL_ERROR "zlib or pugixml sources missing under ${TIRAGE_WASM_DEPS}/src (run scripts/bootstrap.sh)")
  endif()
  add_library(tirage_zlib STATIC
    ${TIRAGE_ZLIB_SRC}/adler32.c ${TIRAGE_ZLIB_SRC}/crc32.c ${TIRAGE_ZLIB_SRC}/inffast.c
    ${TIRAGE_ZLIB_SRC}/inflate.c ${TIRAGE_ZLIB_SRC}/inftrees.c ${TIRAGE_ZLIB_SRC}/zutil.c
    ${TIRAGE_ZLIB_SRC}/deflate.c ${TIRAGE_ZLIB_SRC}/trees.c)
  target_include_directories(tirage_zlib SYSTEM PUBLIC ${TIRAGE_ZLIB_SRC})
  target_compile_options(tirage_zlib PRIVATE -O2 -w)
  target_compile_definitions(tirage_zlib PRIVATE HAVE_UNISTD_H HAVE_STDARG_H)
  add_library(tirage::zlib ALIAS tirage_zlib)
  add_library(tirage_pugixml STATIC ${TIRAGE_PUGIXML_SRC}/src/pugixml.cpp)
  target_include_directories(tirage_pugixml SYSTEM PUBLIC ${TIRAGE_PUGIXML_SRC}/src)
  target_compile_options(tirage_pugixml PRIVATE -O2 -w)
  add_library(tirage::pugixml ALIAS tirage_pugixml)
else()
  find_package(OpenSSL 3 REQUIRED)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(ZLIB REQUIRED)
  find_package(pugixml REQUIRED)
  add_library(tirage::openssl ALIAS OpenSSL::Crypto)
  add_library(tirage::utf8proc ALIAS PkgConfig::UTF8PROC)
  add_library(tirage::json ALIAS nlohmann_json::nlohmann_json)
  add_library(tirage::zlib ALIAS ZLIB::ZLIB)
  add_library(tirage::pugixml ALIAS pugixml::pugixml)
endif()
