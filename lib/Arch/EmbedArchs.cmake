# Writes OUTPUT, a C++ fragment with one {"name", R"(text)"} entry per file
# of INPUTS (a ;-list of arch/*.mlir), for lib/Arch/BundledArchs.cpp.
set(content "// Generated from arch/*.mlir by lib/Arch/EmbedArchs.cmake.\n")
list(SORT INPUTS)
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME_WE)
  file(READ "${input}" text)
  string(APPEND content "{\"${name}\", R\"dnnopt_arch(${text})dnnopt_arch\"},\n")
endforeach()
file(WRITE "${OUTPUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different
                "${OUTPUT}.tmp" "${OUTPUT}")
