# tirage_shared_library(<concept> SOURCES <files> [CONCEPTS <concepts>] [PUBLIC <targets>] [PRIVATE <targets>]
#                       [LITE [LITE_SOURCES <files>] [LITE_PUBLIC <targets>]])
# defines one concept of shared/ as the STATIC library tirage_shared_<concept>,
# aliased tirage::<concept>, from the sources of the calling folder.
#   CONCEPTS  the other concepts its sources include (linked PUBLIC: their headers
#             appear in ours); scripts/check_layers.py reads this list and fails
#             the `layering` ctest on an include of any concept not named here.
#   PUBLIC / PRIVATE  third-party targets (tirage::json, tirage::zlib, ...).
#   LITE      in Emscripten, also tirage_shared_<concept>_lite (tirage::<concept>_lite)
#             for the browser verifier: the same sources (or LITE_SOURCES) over the
#             _lite variants of its CONCEPTS (and LITE_PUBLIC instead of PUBLIC),
#             compiled for size (docs/verifier.md).
# Every shared/ library is pure and built without exceptions (errors are values).
function(tirage_shared_library concept)
  cmake_parse_arguments(PARSE_ARGV 1 arg "LITE" "" "SOURCES;CONCEPTS;PUBLIC;PRIVATE;LITE_SOURCES;LITE_PUBLIC")
  if(arg_UNPARSED_ARGUMENTS OR NOT arg_SOURCES)
    message(FATAL_ERROR "tirage_shared_library(${concept}): SOURCES required; unexpected: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  set(concepts ${arg_CONCEPTS})
  list(TRANSFORM concepts PREPEND tirage::)
  _tirage_shared_target(${concept} "${arg_SOURCES}" "${concepts};${arg_PUBLIC}" "${arg_PRIVATE}")

  if(EMSCRIPTEN AND arg_LITE)
    set(sources ${arg_SOURCES})
    if(arg_LITE_SOURCES)
      set(sources ${arg_LITE_SOURCES})
    endif()
    set(public ${arg_PUBLIC})
    if(arg_LITE_PUBLIC)
      set(public ${arg_LITE_PUBLIC})
    endif()
    set(concepts ${arg_CONCEPTS})
    list(TRANSFORM concepts PREPEND tirage::)
    list(TRANSFORM concepts APPEND _lite)
    _tirage_shared_target(${concept}_lite "${sources}" "${concepts};${public}" "${arg_PRIVATE}")
    # Size over speed for what a phone downloads (most of it is nlohmann/json's
    # template code); the checks still take milliseconds.
    target_compile_options(tirage_shared_${concept}_lite PRIVATE -Oz)
  endif()
endfunction()

# The one recipe behind both variants.
function(_tirage_shared_target name sources public private)
  add_library(tirage_shared_${name} STATIC ${sources})
  add_library(tirage::${name} ALIAS tirage_shared_${name})
  # Sources include "shared/..." paths, so the repo root is the include root.
  target_include_directories(tirage_shared_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_compile_features(tirage_shared_${name} PUBLIC cxx_std_20)
  target_link_libraries(tirage_shared_${name} PUBLIC ${public} PRIVATE ${private} tirage_warnings)
  # Errors are values here (Result): nothing in shared/ throws or catches. In Wasm
  # this also keeps the verifier free of Emscripten's JS exception trampolines
  # (docs/verifier.md, "Measuring").
  tirage_no_exceptions(tirage_shared_${name})
endfunction()
