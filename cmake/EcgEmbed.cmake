# Writes OUT, a C file defining sarif_html_asset_<name>[] and _len for each asset of the HTML
# report (DIR/report.js as js, DIR/report.css as css), as byte arrays.
# usage: cmake -DDIR=<assets dir> -DOUT=<file.c> -P EcgEmbed.cmake
set(body "/* Generated from sarif/assets by cmake/EcgEmbed.cmake; do not edit. */\n#include \"sarif/html_assets.h\"\n")
foreach(pair "js;report.js" "css;report.css")
  list(GET pair 0 name)
  list(GET pair 1 file)
  file(READ "${DIR}/${file}" hex HEX)
  string(LENGTH "${hex}" digits)
  math(EXPR bytes "${digits} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "((0x..,){16})" "\\1\n" hex "${hex}")
  string(APPEND body "const unsigned char sarif_html_asset_${name}[] = {\n${hex}\n};\n")
  string(APPEND body "const size_t sarif_html_asset_${name}_len = ${bytes};\n")
endforeach()
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
