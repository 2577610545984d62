# Generates a header holding catalogs (one JSON file per language) as string
# literals, so the binary needs no files beside it. Run (cmake -P) by the
# server's, the certificate's and the organizer app's CMakeLists.txt with
# -DSRC=<folder holding catalogs/> -DOUT=<header> -DFUNC=<function name>.
set(out "// Generated from ${SRC}/catalogs/*.json by embed_catalogs.cmake.\n#pragma once\n#include <map>\n#include <string>\nnamespace tirage::server {\ninline const std::map<std::string, std::string>& ${FUNC}() {\n  static const std::map<std::string, std::string> k = {\n")
foreach(lang en fr es de)
  file(READ ${SRC}/catalogs/${lang}.json text)
  string(APPEND out "    {\"${lang}\", R\"json(${text})json\"},\n")
endforeach()
string(APPEND out "  };\n  return k;\n}\n}  // namespace tirage::server\n")
file(WRITE ${OUT} "${out}")
