# tirage_no_exceptions(target): builds target without C++ exceptions, over the
# -fexceptions every other Wasm target gets (third_party.cmake). shared/ and the
# browser verifier use it: their errors are values (Result), so nothing there
# throws or catches, and nlohmann/json aborts instead of throwing
# (JSON_NOEXCEPTION); its accessors are only called on values of the right type
# (shared/protocol/json_reader.hpp). A throw or a try that creeps back in then
# fails to compile, natively as in Wasm.
function(tirage_no_exceptions target)
  foreach(property COMPILE_OPTIONS LINK_OPTIONS)
    get_target_property(options ${target} ${property})
    if(options)
      list(REMOVE_ITEM options -fexceptions -fwasm-exceptions)
      set_property(TARGET ${target} PROPERTY ${property} ${options})
    endif()
  endforeach()
  target_compile_options(${target} PRIVATE -fno-exceptions)
  target_compile_definitions(${target} PRIVATE JSON_NOEXCEPTION)
  get_target_property(type ${target} TYPE)
  if(EMSCRIPTEN AND type STREQUAL "EXECUTABLE")
    # Links Emscripten's libc++ and libc++abi built without exceptions.
    target_link_options(${target} PRIVATE -fno-exceptions)
  endif()
endfunction()
