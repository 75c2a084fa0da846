# ecg_generate(TARGET <target> HEADERS <header>... [OUTPUT_DIR <dir>] [COMPILE_OPTIONS <arg>...])
#
# Runs `ecg gen` on each header at build time and adds the generated <name>.gen.c files to
# <target>, with the output directory, the headers' directories and <ecg/annotate.h> on its
# include path (and ecgrt, or the installed package's ecg::rt, linked). A header is regenerated
# when it or the ecg executable changes; ecg gen leaves unchanged outputs alone, so (with Ninja's
# restat) nothing downstream rebuilds. The struct names, which name the outputs, are read from the
# headers at configure time (`struct ECG_GENERATE(...) <name>`); editing a header re-runs the
# configure step. COMPILE_OPTIONS go to libclang after `--` (-I, -D as for the target).
include_guard(GLOBAL)

set(ECG_GENERATE_RUNTIME_INCLUDE_DIR "" CACHE PATH
    "Directory holding ecg/annotate.h for ecg_generate(); empty = beside this module")
if(NOT ECG_GENERATE_RUNTIME_INCLUDE_DIR)
  if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/../runtime/include/ecg/annotate.h")
    set(ECG_GENERATE_RUNTIME_INCLUDE_DIR "${CMAKE_CURRENT_LIST_DIR}/../runtime/include"
        CACHE PATH "Directory holding ecg/annotate.h for ecg_generate()" FORCE)
  endif()
endif()

# The names of the structs a header marks with ECG_GENERATE, into <out>.
function(ecg_generate_struct_names out header)
  file(READ "${header}" text)
  set(ws "[ \t\r\n]")
  set(arg "([^()]|\\(([^()]|\\([^()]*\\))*\\))*")
  string(REGEX MATCHALL "struct${ws}+ECG_GENERATE${ws}*\\(${arg}\\)${ws}*[A-Za-z_][A-Za-z0-9_]*"
         found "${text}")
  set(names)
  foreach(match IN LISTS found)
    string(REGEX REPLACE ".*[^A-Za-z0-9_]([A-Za-z_][A-Za-z0-9_]*)$" "\\1" name "${match}")
    list(APPEND names "${name}")
  endforeach()
  set(${out} "${names}" PARENT_SCOPE)
endfunction()

function(ecg_generate)
  cmake_parse_arguments(PARSE_ARGV 0 GEN "" "TARGET;OUTPUT_DIR" "HEADERS;COMPILE_OPTIONS")
  if(NOT GEN_TARGET OR NOT TARGET "${GEN_TARGET}")
    message(FATAL_ERROR "ecg_generate: TARGET must name an existing target")
  endif()
  if(NOT GEN_HEADERS OR GEN_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ecg_generate: usage: ecg_generate(TARGET <target> HEADERS <h>... "
                        "[OUTPUT_DIR <dir>] [COMPILE_OPTIONS <arg>...])")
  endif()
  if(NOT GEN_OUTPUT_DIR)
    set(GEN_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/ecg_gen/${GEN_TARGET}")
  endif()
  get_filename_component(GEN_OUTPUT_DIR "${GEN_OUTPUT_DIR}" ABSOLUTE
                         BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  if(TARGET ecg)
    set(exe "$<TARGET_FILE:ecg>")
    set(exe_dep ecg)
  else()
    if(NOT ECG_EXECUTABLE) # set by find_package(ecg) to the installed ecg
      find_program(ECG_EXECUTABLE ecg REQUIRED)
    endif()
    set(exe "${ECG_EXECUTABLE}")
    set(exe_dep "${ECG_EXECUTABLE}")
  endif()
  set(clang_args)
  if(ECG_GENERATE_RUNTIME_INCLUDE_DIR)
    list(APPEND clang_args "-I${ECG_GENERATE_RUNTIME_INCLUDE_DIR}")
  endif()
  list(APPEND clang_args ${GEN_COMPILE_OPTIONS})
  set(include_dirs "${GEN_OUTPUT_DIR}" ${ECG_GENERATE_RUNTIME_INCLUDE_DIR})
  foreach(header IN LISTS GEN_HEADERS)
    get_filename_component(abs "${header}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_filename_component(dir "${abs}" DIRECTORY)
    list(APPEND include_dirs "${dir}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${abs}")
    ecg_generate_struct_names(names "${abs}")
    if(NOT names)
      message(FATAL_ERROR "ecg_generate: ${header} has no 'struct ECG_GENERATE(...) <name>'")
    endif()
    set(outputs)
    foreach(name IN LISTS names)
      list(APPEND outputs "${GEN_OUTPUT_DIR}/${name}.gen.h" "${GEN_OUTPUT_DIR}/${name}.gen.c")
    endforeach()
    add_custom_command(OUTPUT ${outputs}
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${GEN_OUTPUT_DIR}"
      COMMAND "${exe}" gen "${header}" -o "${GEN_OUTPUT_DIR}" -- ${clang_args}
      DEPENDS "${abs}" ${exe_dep}
      WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
      COMMENT "ecg gen ${header}"
      VERBATIM)
    target_sources(${GEN_TARGET} PRIVATE ${outputs})
  endforeach()
  list(REMOVE_DUPLICATES include_dirs)
  # Build-tree paths only: an installed target must not point into the build (install(EXPORT)
  # refuses that), and a library's generated headers are its own business.
  list(TRANSFORM include_dirs PREPEND "$<BUILD_INTERFACE:")
  list(TRANSFORM include_dirs APPEND ">")
  target_include_directories(${GEN_TARGET} PUBLIC ${include_dirs})
  if(TARGET ecgrt AND NOT GEN_TARGET STREQUAL "ecgrt")
    target_link_libraries(${GEN_TARGET} PRIVATE ecgrt)
  elseif(TARGET ecg::rt) # the installed package (find_package(ecg))
    target_link_libraries(${GEN_TARGET} PRIVATE ecg::rt)
  endif()
endfunction()
