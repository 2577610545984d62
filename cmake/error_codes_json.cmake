# Generates error_codes.json from shared/core/error_codes.def: each code's name
# -> {"status": HTTP status, "message": default message}, in table order, for
# the pages and the app (the server serves it at /assets/error-codes.json). Run
# (cmake -P) with -DSRC=<error_codes.def> -DOUT=<json file>.
file(STRINGS ${SRC} lines REGEX "^TIRAGE_ERROR\\(")
set(json "{")
set(sep "\n")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^TIRAGE_ERROR\\(([a-z0-9_]+), ([0-9]+), \"(([^\"\\\\]|\\\\.)*)\"\\)$")
    message(FATAL_ERROR "error_codes.def: not TIRAGE_ERROR(name, status, \"message\"): ${line}")
  endif()
  string(APPEND json "${sep}  \"${CMAKE_MATCH_1}\": {\"status\": ${CMAKE_MATCH_2}, \"message\": \"${CMAKE_MATCH_3}\"}")
  set(sep ",\n")
endforeach()
string(APPEND json "\n}\n")
file(WRITE ${OUT} "${json}")
