/* SPDX-License-Identifier: MIT */
/* mdcomment.c - a Markdown page as a Verilog line comment (mdcomment.h). */
#include "mdcomment.h"

#include <stdio.h>
#include <string.h>

static int is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether the '*' at s[i] opens or closes *emphasis*, rather than being a
 * product (c*16) or a wildcard (perf_*_o). */
static int emphasis(const char *s, size_t i, size_t n)
{
    char prev = i ? s[i - 1] : ' ', next = i + 1 < n ? s[i + 1] : ' ';
    return ((prev == ' ' || prev == '(') && is_alnum(next)) ||
           (is_alnum(prev) && (next == ' ' || strchr(",.;:)", next)));
}

/* Line [s, s+n) without Markdown's marks, into out (room for n + 1). */
static size_t plain(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '`' || (s[i] == '*' && i + 1 < n && s[i + 1] == '*')) {
            i += s[i] == '*';
            continue;
        }
        if (s[i] == '*' && emphasis(s, i, n))
            continue;
        if (s[i] == ']' && i + 1 < n && s[i + 1] == '(') {   /* [text](target): text */
            const char *close = memchr(s + i, ')', n - i);
            if (close) {
                i = (size_t)(close - s);
                continue;
            }
        }
        if (s[i] == '[') {   /* a link's text, not a bit select like [1:0] */
            const char *close = memchr(s + i, ']', n - i);
            if (close && (size_t)(close - s) + 1 < n && close[1] == '(')
                continue;
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    return o;
}

/* Words of text, filled into lines of MD_WIDTH: the first after `first`,
 * the rest after `next`. */
static void fill(strbuf *sb, const char *text, const char *first, const char *next)
{
    const char *lead = first;
    size_t col = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (!w)
            break;
        if (col && col + 1 + w > MD_WIDTH) {
            sb_puts(sb, "\n");
            col = 0;
            lead = next;
        }
        if (!col) {
            sb_puts(sb, lead);
            col = strlen(lead);
        } else {
            sb_puts(sb, " ");
            col++;
        }
        sb_put(sb, p, w);
        col += w;
        p += w;
    }
    if (col)
        sb_puts(sb, "\n");
}

/* A table row "| name | c2 | ... | text |" as "name (c2, ...): text"; the
 * header row and the rule under it give nothing. */
static void table_row(strbuf *sb, char *row, int *header)
{
    char *cell[16];
    int n = 0;
    for (char *p = strtok(row, "|"); p && n < 16; p = strtok(NULL, "|")) {
        while (*p == ' ')
            p++;
        size_t len = strlen(p);
        while (len && p[len - 1] == ' ')
            p[--len] = '\0';
        cell[n++] = p;
    }
    if (*header || n == 0 || !strncmp(cell[0], "---", 3)) {
        *header = 0;
        return;
    }
    strbuf line = {0};
    sb_puts(&line, cell[0]);
    for (int i = 1; i + 1 < n; i++)
        sb_printf(&line, i == 1 ? " (%s" : ", %s", cell[i]);
    sb_printf(&line, n > 2 ? "): %s" : ": %s", n > 1 ? cell[n - 1] : "");
    fill(sb, line.buf, "//   ", "//       ");
    sb_free(&line);
}

/* The text gathered so far (a paragraph or a list item), filled. */
static void flush(strbuf *sb, strbuf *para, int indent, int hang)
{
    if (!para->len)
        return;
    char first[40], next[40];
    snprintf(first, sizeof first, "// %*s", indent, "");
    snprintf(next, sizeof next, "// %*s", indent + hang, "");
    fill(sb, para->buf, first, next);
    para->len = 0;
    para->buf[0] = '\0';
}

void md_comment(strbuf *sb, const char *md)
{
    int header = 1;             /* the next table row is a table's header */
    int indent = 0, item = 0;   /* of para: its indent, an item marker's width */
    strbuf para = {0};
    for (const char *p = md; *p;) {
        size_t n = strcspn(p, "\n");
        strbuf buf = {0};
        sb_put(&buf, "", 1);   /* room for plain()'s result and terminator */
        sb_put(&buf, p, n);
        if (buf.failed || !buf.buf) {
            sb->failed = 1;   /* the caller reports running out of memory */
            sb_free(&buf);
            break;
        }
        char *line = buf.buf;
        plain(p, n, line);
        size_t ind = strspn(line, " ");
        size_t num = strspn(line + ind, "0123456789");   /* "1. " starts an item too */
        int starts_item = (line[ind] == '-' && line[ind + 1] == ' ') ||
                          (num && line[ind + num] == '.' && line[ind + num + 1] == ' ');
        if (!line[ind] || line[0] == '|' || line[0] == '#' || starts_item || !para.len)
            flush(sb, &para, indent, item);
        if (line[0] == '|') {
            table_row(sb, line, &header);
        } else {
            header = 1;
            if (!line[ind]) {
                sb_puts(sb, "//\n");
            } else if (line[0] == '#') {
                fill(sb, line + strspn(line, "# "), "// == ", "//    ");
            } else {
                if (!para.len) {
                    indent = (int)ind;
                    item = starts_item ? (int)strcspn(line + ind, " ") + 1 : 0;
                } else {
                    sb_puts(&para, " ");
                }
                sb_puts(&para, line + ind);
            }
        }
        sb_free(&buf);
        p += n + (p[n] == '\n');
    }
    flush(sb, &para, indent, item);
    sb_free(&para);
}
