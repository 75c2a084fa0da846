// A static function uses its parameter as a format, and every call in the file passes a
// constant: the correct (good source) version of the sink pattern.
#include <stdio.h>
#include <string.h>

static void good_sink(char *data)
{
    printf(data);
}

static void good_source(void)
{
    char buffer[100] = "";
    char *data = buffer;
    strcpy(data, "fixedstringtest");
    good_sink(data);
}

void run_good(void)
{
    good_source();
    good_sink("another constant\n");
}
