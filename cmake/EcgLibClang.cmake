# Locates libclang through llvm-config and detects clang's resource directory.
# Sets: ECG_LIBCLANG_INCLUDE_DIR, ECG_LIBCLANG_LIBRARY, ECG_CLANG_RESOURCE_DIR,
#       ECG_LLVM_VERSION and the imported target ecg::libclang.

set(ECG_LLVM_CONFIG "" CACHE STRING
    "llvm-config to use (e.g. llvm-config-19); empty = llvm-config, else the first llvm-config-NN found from 14 up")

if(ECG_LLVM_CONFIG)
  unset(ECG_LLVM_CONFIG_EXE CACHE) # a changed choice must not reuse the cached program
  find_program(ECG_LLVM_CONFIG_EXE NAMES ${ECG_LLVM_CONFIG} REQUIRED)
else()
  # Debian installs llvm-config-NN per version; the oldest supported one is 14.
  find_program(ECG_LLVM_CONFIG_EXE NAMES
    llvm-config llvm-config-14 llvm-config-15 llvm-config-16 llvm-config-17
    llvm-config-18 llvm-config-19 llvm-config-20 REQUIRED)
endif()

function(ecg_llvm_query out flag)
  execute_process(COMMAND ${ECG_LLVM_CONFIG_EXE} ${flag}
    OUTPUT_VARIABLE value OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ECG_LLVM_CONFIG_EXE} ${flag} failed")
  endif()
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

ecg_llvm_query(ECG_LLVM_VERSION --version)
ecg_llvm_query(ECG_LLVM_INCLUDE_DIR --includedir)
ecg_llvm_query(ECG_LLVM_LIB_DIR --libdir)
ecg_llvm_query(ECG_LLVM_BIN_DIR --bindir)

if(ECG_LLVM_VERSION VERSION_LESS 14)
  message(FATAL_ERROR "ecg needs LLVM 14 or newer, found ${ECG_LLVM_VERSION}")
endif()

# Derived from the chosen llvm-config on every configure, so switching LLVM takes effect.
unset(ECG_LIBCLANG_INCLUDE_DIR CACHE)
unset(ECG_LIBCLANG_LIBRARY CACHE)
unset(ECG_CLANG_EXE CACHE)
find_path(ECG_LIBCLANG_INCLUDE_DIR clang-c/Index.h HINTS ${ECG_LLVM_INCLUDE_DIR} NO_DEFAULT_PATH)
find_library(ECG_LIBCLANG_LIBRARY NAMES clang libclang HINTS ${ECG_LLVM_LIB_DIR} NO_DEFAULT_PATH)
if(NOT ECG_LIBCLANG_INCLUDE_DIR OR NOT ECG_LIBCLANG_LIBRARY)
  message(FATAL_ERROR "libclang not found next to ${ECG_LLVM_CONFIG_EXE}; "
                      "on Debian install libclang-${ECG_LLVM_VERSION}-dev")
endif()

# The resource directory holds <stddef.h>, <stdatomic.h> and friends; libclang does not
# find it by itself when it is loaded from a program that is not clang.
set(ECG_CLANG_RESOURCE_DIR "" CACHE PATH "clang resource directory; empty = detect")
if(NOT ECG_CLANG_RESOURCE_DIR)
  find_program(ECG_CLANG_EXE NAMES clang HINTS ${ECG_LLVM_BIN_DIR} NO_DEFAULT_PATH)
  if(ECG_CLANG_EXE)
    execute_process(COMMAND ${ECG_CLANG_EXE} -print-resource-dir
      OUTPUT_VARIABLE detected OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
    if(rc EQUAL 0 AND EXISTS "${detected}/include/stddef.h")
      set(ECG_CLANG_RESOURCE_DIR "${detected}")
    endif()
  endif()
  if(NOT ECG_CLANG_RESOURCE_DIR)
    file(GLOB candidates "${ECG_LLVM_LIB_DIR}/clang/*/include/stddef.h")
    list(SORT candidates)
    list(REVERSE candidates)
    list(GET candidates 0 first)
    if(first)
      get_filename_component(inc "${first}" DIRECTORY)
      get_filename_component(detected "${inc}" DIRECTORY)
      set(ECG_CLANG_RESOURCE_DIR "${detected}")
    endif()
  endif()
endif()
if(NOT EXISTS "${ECG_CLANG_RESOURCE_DIR}/include/stddef.h")
  message(FATAL_ERROR "clang resource directory not found (looked under ${ECG_LLVM_LIB_DIR}/clang); "
                      "set -DECG_CLANG_RESOURCE_DIR=... or install libclang-common-${ECG_LLVM_VERSION}-dev")
endif()

add_library(ecg_libclang INTERFACE)
target_include_directories(ecg_libclang SYSTEM INTERFACE ${ECG_LIBCLANG_INCLUDE_DIR})
target_link_libraries(ecg_libclang INTERFACE ${ECG_LIBCLANG_LIBRARY})
add_library(ecg::libclang ALIAS ecg_libclang)

message(STATUS "ecg: LLVM ${ECG_LLVM_VERSION}, libclang ${ECG_LIBCLANG_LIBRARY}")
message(STATUS "ecg: clang resource dir ${ECG_CLANG_RESOURCE_DIR}")
