# Generates a header holding config/plans.json as a string literal: the plans a
# server uses when no --plans file is given. Run with -DSRC=<plans.json> -DOUT=<header>.
file(READ ${SRC} text)
file(WRITE ${OUT} "// Generated from ${SRC} by embed_plans.cmake.\n#pragma once\nnamespace tirage::server {\ninline const char* embedded_default_plans() {\n  return R\"json(${text})json\";\n}\n}  // namespace tirage::server\n")
