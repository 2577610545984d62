# Generates a header holding one text file as a string literal, so a binary
# needs no file beside it. Run (cmake -P) with -DSRC=<file> -DOUT=<header>
# -DNAMESPACE=<C++ namespace> -DFUNC=<function name>.
file(READ ${SRC} text)
file(WRITE ${OUT} "// Generated from ${SRC} by embed_text.cmake.\n#pragma once\nnamespace ${NAMESPACE} {\ninline const char* ${FUNC}() {\n  return R\"embedded(${text})embedded\";\n}\n}  // namespace ${NAMESPACE}\n")
