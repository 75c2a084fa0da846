// Constant text that reaches a format through a union, a static global or the result of a
// function of another file: the rule cannot follow those, the taint engine finds no input
// in them, and they stay silent (the option unknown_text reports them).
#include <stdio.h>
#include <string.h>

union text_view {
    char *as_chars;
    const char *as_const;
};

static char *saved_text;

const char *message_for(int code);

void show_from_union(void)
{
    union text_view view;
    char buffer[100] = "";
    char *data = buffer;
    strcpy(data, "fixedstringtest");
    view.as_chars = data;
    printf(view.as_const);
}

static void show_saved(void)
{
    char *data = saved_text;
    printf(data);
}

void save_and_show(void)
{
    static char buffer[100];
    strcpy(buffer, "fixedstringtest");
    saved_text = buffer;
    show_saved();
}

void show_message(int code)
{
    printf(message_for(code));
}
