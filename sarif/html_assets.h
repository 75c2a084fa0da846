/* The HTML report's script and style sheet (sarif/assets/), embedded into the binary at build
 * time by cmake/EcgEmbed.cmake so the page needs nothing from elsewhere. */
#ifndef ECG_SARIF_HTML_ASSETS_H
#define ECG_SARIF_HTML_ASSETS_H

#include <stddef.h>

extern const unsigned char sarif_html_asset_js[];
extern const size_t sarif_html_asset_js_len;
extern const unsigned char sarif_html_asset_css[];
extern const size_t sarif_html_asset_css_len;

#endif
