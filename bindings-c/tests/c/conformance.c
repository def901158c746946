/*
 * The C ABI from C: every shared conformance vector (tests/conformance/: plain cases, case
 * records, audiences) must give exactly the expected bytes, the error cases must give the
 * documented status and error object, and one engine must serve several threads at once.
 * Run under valgrind by bindings-c/tests/run.sh: no leak, no invalid access.
 *
 * Usage: conformance REPO_ROOT
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wegwijs.h"

static int failures = 0;
static const char *root;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            failures++;                                                    \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

/* A whole file, NUL-terminated (the caller frees it). */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) n = 0;
    buf[n] = '\0';
    fclose(f);
    if (len) *len = (size_t)n;
    return buf;
}

/* ---- just enough JSON: the raw text of a top-level key's value ---- */
static size_t skip_ws(const char *s, size_t i) {
    while (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t') i++;
    return i;
}
static size_t skip_string(const char *s, size_t i) {
    for (i++; s[i] && s[i] != '"'; i++)
        if (s[i] == '\\') i++;
    return i + 1;
}
static size_t skip_value(const char *s, size_t i) {
    if (s[i] == '"') return skip_string(s, i);
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        while (s[i]) {
            if (s[i] == '"') { i = skip_string(s, i); continue; }
            if (s[i] == '{' || s[i] == '[') depth++;
            if (s[i] == '}' || s[i] == ']') depth--;
            i++;
            if (depth == 0) return i;
        }
        return i;
    }
    while (s[i] && !strchr(",}] \t\r\n", s[i])) i++;
    return i;
}
/* The value of `key` in the object `s` as a new string, or NULL. */
static char *member(const char *s, const char *key) {
    size_t i = skip_ws(s, 0), klen = strlen(key);
    if (s[i] != '{') return NULL;
    for (i = skip_ws(s, i + 1); s[i] == '"'; i = skip_ws(s, i + 1)) {
        size_t kstart = i + 1, kend = skip_string(s, i) - 1;
        i = skip_ws(s, skip_ws(s, kend + 1) + 1); /* past ':' */
        size_t vstart = i;
        i = skip_value(s, i);
        if (kend - kstart == klen && memcmp(s + kstart, key, klen) == 0) {
            char *v = malloc(i - vstart + 1);
            memcpy(v, s + vstart, i - vstart);
            v[i - vstart] = '\0';
            return v;
        }
        i = skip_ws(s, i);
        if (s[i] != ',') break;
    }
    return NULL;
}

/* ---- engines by rule-set name (the national rules or a repository folder) ---- */
static struct { char name[256]; WegwijsEngine *engine; } engines[8];
static int n_engines = 0;

static WegwijsEngine *engine_for(const char *quoted) {
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)strlen(quoted) - 2, quoted + 1);
    for (int i = 0; i < n_engines; i++)
        if (strcmp(engines[i].name, name) == 0) return engines[i].engine;
    WegwijsEngine *engine = NULL;
    char *error = NULL;
    WegwijsStatus st;
    if (strcmp(name, "national") == 0) {
        st = wegwijs_engine_national(&engine, &error, NULL);
    } else {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", root, name);
        st = wegwijs_engine_load(path, NULL, 0, &engine, &error, NULL);
    }
    CHECK(st == WEGWIJS_STATUS_OK, "rule set %s: status %d %s", name, st, error ? error : "");
    wegwijs_string_free(error);
    if (engine && n_engines < 8) {
        snprintf(engines[n_engines].name, sizeof engines[0].name, "%s", name);
        engines[n_engines++].engine = engine;
    }
    return engine;
}

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Runs every DIR/NAME<suffix> vector: the value of `input` is the case (or record); the
 * options are `now`, with `audience` also `for`, and `lang` when the vector names one. Returns
 * how many ran. */
static int run_vectors(const char *dir, const char *suffix, const char *input, int audience) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), ran = 0;
    CHECK(n >= 0, "cannot read %s", dir);
    for (int k = 0; k < n; k++) {
        const char *file = names[k]->d_name;
        if (ends_with(file, suffix)) {
            char path[4096], want_path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, file);
            snprintf(want_path, sizeof want_path, "%s/%.*s.expected.json", dir,
                     (int)(strlen(file) - strlen(suffix)), file);
            char *text = read_file(path, NULL);
            size_t want_len = 0;
            char *want = read_file(want_path, &want_len);
            CHECK(want && want_len > 0 && want[want_len - 1] == '\n', "%s: expected file missing", file);
            char *ruleset = member(text, "ruleset"), *now = member(text, "now"), *facts = member(text, input);
            char *for_ = audience ? member(text, "for") : NULL, *lang = member(text, "lang");
            char options[512];
            snprintf(options, sizeof options, "{\"now\": %s%s%s%s%s}", now, for_ ? ", \"for\": " : "", for_ ? for_ : "",
                     lang ? ", \"lang\": " : "", lang ? lang : "");
            WegwijsEngine *engine = engine_for(ruleset);
            char *out = NULL;
            size_t out_len = 0;
            WegwijsStatus st = wegwijs_evaluate(engine, facts, strlen(facts), options, strlen(options), &out, &out_len);
            CHECK(st == WEGWIJS_STATUS_OK, "%s: status %d: %s", file, st, out);
            if (want) {
                CHECK(out_len == want_len - 1 && memcmp(out, want, out_len) == 0,
                      "%s differs:\n  expected %.*s\n  actual   %s", file, (int)want_len - 1, want, out);
            }
            /* The questions call gives the proposal's questions, byte for byte. */
            if (!audience && st == WEGWIJS_STATUS_OK) {
                char *questions = NULL, *in_proposal = member(out, "questions");
                st = wegwijs_questions(engine, facts, strlen(facts), options, strlen(options), &questions, NULL);
                CHECK(st == WEGWIJS_STATUS_OK && in_proposal && strcmp(questions, in_proposal) == 0,
                      "%s: wegwijs_questions differs from the proposal's questions", file);
                wegwijs_string_free(questions);
                free(in_proposal);
            }
            wegwijs_string_free(out);
            free(text); free(want); free(ruleset); free(now); free(facts); free(for_); free(lang);
            ran++;
        }
        free(names[k]);
    }
    free(names);
    return ran;
}

/* Runs every DIR/NAME.agenda.json vector: `records` (a list) through wegwijs_agenda at `now`.
 * Returns how many ran. */
static int run_agenda_vectors(const char *dir) {
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), ran = 0;
    CHECK(n >= 0, "cannot read %s", dir);
    for (int k = 0; k < n; k++) {
        const char *file = names[k]->d_name;
        if (ends_with(file, ".agenda.json")) {
            char path[4096], want_path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, file);
            snprintf(want_path, sizeof want_path, "%s/%.*s.expected.json", dir,
                     (int)(strlen(file) - strlen(".agenda.json")), file);
            char *text = read_file(path, NULL);
            size_t want_len = 0;
            char *want = read_file(want_path, &want_len);
            CHECK(want && want_len > 0 && want[want_len - 1] == '\n', "%s: expected file missing", file);
            char *ruleset = member(text, "ruleset"), *now = member(text, "now"), *records = member(text, "records");
            char options[512];
            snprintf(options, sizeof options, "{\"now\": %s}", now);
            char *out = NULL;
            size_t out_len = 0;
            WegwijsStatus st =
                wegwijs_agenda(engine_for(ruleset), records, strlen(records), options, strlen(options), &out, &out_len);
            CHECK(st == WEGWIJS_STATUS_OK, "%s: status %d: %s", file, st, out);
            if (want && st == WEGWIJS_STATUS_OK) {
                CHECK(out_len == want_len - 1 && memcmp(out, want, out_len) == 0,
                      "%s differs:\n  expected %.*s\n  actual   %s", file, (int)want_len - 1, want, out);
            }
            wegwijs_string_free(out);
            free(text); free(want); free(ruleset); free(now); free(records);
            ran++;
        }
        free(names[k]);
    }
    free(names);
    return ran;
}

/* ---- error cases ---- */
static WegwijsStatus call(WegwijsEngine *engine, const char *facts, size_t len, const char *options, char **out) {
    return wegwijs_evaluate(engine, facts, len, options, options ? strlen(options) : 0, out, NULL);
}

static void error_cases(WegwijsEngine *national) {
    char *out = NULL;
    const char *now = "{\"now\": \"2026-03-02T18:00:00+01:00\"}";

    CHECK(call(NULL, "{}", 2, now, &out) == WEGWIJS_STATUS_NULL_POINTER, "NULL engine");
    CHECK(out && strstr(out, "\"kind\":\"NullPointer\"") && strstr(out, "\"argument\":\"engine\""), "%s", out);
    wegwijs_string_free(out);
    CHECK(call(national, "{}", 2, now, NULL) == WEGWIJS_STATUS_NULL_POINTER, "NULL out");
    CHECK(call(national, NULL, 0, now, &out) == WEGWIJS_STATUS_NULL_POINTER, "NULL case");
    wegwijs_string_free(out);

    const char bad_utf8[] = "{\"region\": \"\xff\"}";
    CHECK(call(national, bad_utf8, sizeof bad_utf8 - 1, now, &out) == WEGWIJS_STATUS_INVALID_UTF8, "UTF-8");
    CHECK(out && strstr(out, "\"kind\":\"InvalidUtf8\"") && strstr(out, "offset 12"), "%s", out);
    wegwijs_string_free(out);

    const char *secret = "{\"age\": \"GEHEIM-0612345678\", \"agee\": 1}";
    CHECK(call(national, secret, strlen(secret), now, &out) == WEGWIJS_STATUS_CASE_ERROR, "case error");
    CHECK(out && strstr(out, "\"kind\":\"CaseError\"") && !strstr(out, "GEHEIM"), "case value leaked: %s", out);
    wegwijs_string_free(out);

    CHECK(call(national, "{}", 2, "{\"language\": \"en\"}", &out) == WEGWIJS_STATUS_ARGUMENT_ERROR, "unknown option");
    CHECK(out && strstr(out, "\"kind\":\"ArgumentError\"") && strstr(out, "now"), "%s", out);
    wegwijs_string_free(out);

    CHECK(call(national, "{}", 2, "{\"now\": \"gisteren\"}", &out) == WEGWIJS_STATUS_ARGUMENT_ERROR, "bad now");
    wegwijs_string_free(out);

    WegwijsStatus st = wegwijs_why_not(national, "{}", 2, "hiv_pepp", now, strlen(now), &out, NULL);
    CHECK(st == WEGWIJS_STATUS_ARGUMENT_ERROR && strstr(out, "hiv_pep"), "why-not did-you-mean: %s", out);
    wegwijs_string_free(out);
    st = wegwijs_why_not(national, "{\"age\": 30}", 11, "hiv_pep", now, strlen(now), &out, NULL);
    CHECK(st == WEGWIJS_STATUS_OK && out[0] == '{', "why-not: %s", out);
    wegwijs_string_free(out);

    st = wegwijs_changes(national, "{\"facts\": {}}", 13, NULL, 0, now, strlen(now), &out, NULL);
    CHECK(st == WEGWIJS_STATUS_OK && strcmp(out, "null") == 0, "no decision, no changes: %s", out);
    wegwijs_string_free(out);

    const char *records = "[{\"facts\": {\"age\": 15}}, {\"age\": 30, \"age\": 31}]";
    st = wegwijs_agenda(national, records, strlen(records), now, strlen(now), &out, NULL);
    CHECK(st == WEGWIJS_STATUS_CASE_ERROR && strstr(out, "records_json[1]"), "agenda duplicate key: %s", out);
    wegwijs_string_free(out);

    WegwijsEngine *engine = (WegwijsEngine *)1; /* must be reset to NULL on failure */
    char *error = NULL;
    st = wegwijs_engine_from_bundle("{}", 2, NULL, 0, &engine, &error, NULL);
    CHECK(st == WEGWIJS_STATUS_RULE_ERROR && engine == NULL, "bad bundle: status %d", st);
    CHECK(error && strstr(error, "\"kind\":\"RuleError\"") && strstr(error, "\"diagnostics\":["), "%s", error);
    wegwijs_string_free(error);
    st = wegwijs_engine_load(NULL, NULL, 0, &engine, NULL, NULL);
    CHECK(st == WEGWIJS_STATUS_NULL_POINTER && engine == NULL, "NULL path");

    wegwijs_string_free(NULL);
    wegwijs_engine_free(NULL);
}

/* ---- one engine, several threads ---- */
struct job { WegwijsEngine *engine; const char *facts, *want; int ok; };

static void *worker(void *arg) {
    struct job *job = arg;
    const char *now = "{\"now\": \"2026-03-02T18:00:00+01:00\"}";
    job->ok = 1;
    for (int i = 0; i < 10; i++) {
        char *out = NULL;
        if (call(job->engine, job->facts, strlen(job->facts), now, &out) != WEGWIJS_STATUS_OK ||
            strcmp(out, job->want) != 0)
            job->ok = 0;
        wegwijs_string_free(out);
    }
    return NULL;
}

static void threads(WegwijsEngine *national) {
    const char *facts = "{\"age\": 29, \"strangulation\": true, \"last_incident_at\": \"2026-03-01T22:00:00+01:00\"}";
    char *want = NULL;
    CHECK(call(national, facts, strlen(facts), "{\"now\": \"2026-03-02T18:00:00+01:00\"}", &want) == WEGWIJS_STATUS_OK,
          "threads: %s", want);
    pthread_t ids[4];
    struct job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (struct job){national, facts, want, 0};
        pthread_create(&ids[i], NULL, worker, &jobs[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(ids[i], NULL);
        CHECK(jobs[i].ok, "thread %d gave other bytes", i);
    }
    wegwijs_string_free(want);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s REPO_ROOT\n", argv[0]);
        return 2;
    }
    root = argv[1];
    CHECK(wegwijs_abi_version() >> 16 == WEGWIJS_ABI_MAJOR, "ABI major %u", wegwijs_abi_version() >> 16);

    char dir[4096], audience_dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/conformance", root);
    snprintf(audience_dir, sizeof audience_dir, "%s/tests/conformance/audience", root);
    int cases = run_vectors(dir, ".case.json", "case", 0);
    int records = run_vectors(dir, ".record.json", "record", 0);
    int audiences = run_vectors(audience_dir, ".for.json", "case", 1);
    int agendas = run_agenda_vectors(dir);
    CHECK(cases >= 10 && records >= 4 && audiences >= 4 && agendas >= 1, "too few vectors: %d %d %d %d", cases, records,
          audiences, agendas);

    WegwijsEngine *national = engine_for("\"national\"");
    error_cases(national);
    threads(national);
    for (int i = 0; i < n_engines; i++) wegwijs_engine_free(engines[i].engine);

    printf("c-abi C: %d case, %d record, %d audience, %d agenda vectors; error cases; 4 threads: %s\n", cases,
           records, audiences, agendas, failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
