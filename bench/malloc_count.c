/* Counts the calls to malloc of a program and prints the count at exit, to show that reading a
 * file allocates per group, not per row (docs/performance.md):
 *   cc -O2 -shared -fPIC -o /tmp/malloc_count.so bench/malloc_count.c
 *   LD_PRELOAD=/tmp/malloc_count.so plancheck check big.csv        →  mallocs: N  (on stderr)
 * glibc only: it forwards to __libc_malloc. */
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>

extern void *__libc_malloc(size_t size);

static atomic_ulong calls;

void *malloc(size_t size) {
    atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
    return __libc_malloc(size);
}

__attribute__((destructor)) static void report(void) {
    fprintf(stderr, "mallocs: %lu\n", (unsigned long)atomic_load(&calls));
}
