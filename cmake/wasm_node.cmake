# tirage_node_program(TARGET): link an Emscripten target as a Node program
# that sees the real file system (NODERAWFS), exits with main's status, and
# grows its memory as needed. Run it with `node --no-experimental-fetch X.js`
# (Node 20 mistakes emcc 3.1.6 output for a browser's otherwise).
function(tirage_node_program target)
  target_link_options(${target} PRIVATE
    -sNODERAWFS=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sENVIRONMENT=node)
  set_target_properties(${target} PROPERTIES SUFFIX ".js")
endfunction()
