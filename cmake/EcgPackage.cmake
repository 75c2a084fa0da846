# Install rules and packaging: libecgrt (static and shared) with its headers, the CMake package
# (find_package(ecg CONFIG): ecg::rt, ecg::rt_shared, ECG_EXECUTABLE, ecg_generate()), the
# pkg-config file ecgrt.pc, man pages, bash completion and docs; CPack's Debian package.
# Relocatable: nothing installed names an absolute path of the install prefix (docs/install.md).
include(CMakePackageConfigHelpers)

set(ECG_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/ecg" CACHE STRING
    "Where the CMake package (ecgConfig.cmake) is installed, relative to the prefix")

# --- libecgrt and its public headers ------------------------------------------------------
# ecg::rt is the static library (what generated code should link: no PLT on the hot path),
# ecg::rt_shared the shared one; both carry the installed include directory.
install(TARGETS ecgrt ecgrt_shared EXPORT ecgTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${ECGRT_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ecg)

# --- the CMake package --------------------------------------------------------------------
install(EXPORT ecgTargets NAMESPACE ecg:: FILE ecgTargets.cmake
  DESTINATION ${ECG_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ecgConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/ecgConfig.cmake
  INSTALL_DESTINATION ${ECG_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/ecgConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/package/ecgConfig.cmake
  ${PROJECT_BINARY_DIR}/package/ecgConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/EcgGenerate.cmake
  DESTINATION ${ECG_INSTALL_CMAKEDIR})

# --- pkg-config: prefix is found from the .pc file's own place (${pcfiledir}) ----------------
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  message(FATAL_ERROR "ecg: CMAKE_INSTALL_LIBDIR must be relative to the prefix for a "
                      "relocatable ecgrt.pc (got ${CMAKE_INSTALL_LIBDIR})")
endif()
file(RELATIVE_PATH ECGRT_PC_UP "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" ECGRT_PC_UP "${ECGRT_PC_UP}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/ecgrt.pc.in ${PROJECT_BINARY_DIR}/package/ecgrt.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/ecgrt.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# --- the tool's documentation -------------------------------------------------------------
if(ECG_BUILD_ANALYZER)
  file(GLOB ECG_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/*.1)
  install(FILES ${ECG_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PROJECT_SOURCE_DIR}/analyzer/ecg-completion.bash
    DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ecg)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}
  PATTERN "man" EXCLUDE)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${PROJECT_SOURCE_DIR}/runtime/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}
  RENAME runtime.md)

# --- CPack: one Debian package, `cpack -G DEB` in the build directory ------------------------
# dpkg-shlibdeps finds the shared libraries ecg needs (libclang1-N, libsqlite3-0, libcjson1,
# libc6); libclang loads clang's resource headers (<stddef.h>, ...) from the directory this
# build found, which libclang-common-N-dev ships and no ELF file names, so it is listed by hand.
set(ECG_DEB_MAINTAINER "ecg developers <maintainers@ecg.invalid>" CACHE STRING
    "The Maintainer field of the Debian package (.invalid: set it for a release)")
set(CPACK_PACKAGE_NAME ecg)
set(CPACK_PACKAGE_VENDOR "ecg developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "ecg checks C sources with libclang (complexity, security, \
lock-free rules; SARIF, HTML report), generates pools and rings from annotated structs, \
and ships libecgrt, the low-latency runtime the generated code links (static and shared, \
headers, CMake package and pkg-config file).")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "${ECG_DEB_MAINTAINER}")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
if(ECG_BUILD_ANALYZER)
  string(REGEX MATCH "^[0-9]+" ECG_LLVM_MAJOR "${ECG_LLVM_VERSION}")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libclang-common-${ECG_LLVM_MAJOR}-dev")
  # The headers of the code it reads and the compiler generated code is built with.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libc6-dev, gcc | clang, cmake, pkg-config")
endif()
include(CPack)
