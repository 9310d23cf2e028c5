/*
 * How long first writes to fresh memory take, from one or more threads.
 *
 * Maps `bytes` (default 3.2 GB: the n x n Double working matrix at
 * n = 20,000) of anonymous memory and writes one byte per 4 KiB page, the
 * pages split evenly between the threads, then prints the wall time. On the
 * benchmark VM this is the host backing each page; see Benchmarks/README.md,
 * "Twenty-first session".
 *
 *   cc -O2 -pthread Benchmarks/explore/first_touch.c -o /tmp/first_touch
 *   /tmp/first_touch THREADS [BYTES]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static char *memory;
static size_t total;
static int threads;

static void *touch(void *argument) {
    long t = (long)argument;
    size_t share = total / (size_t)threads;
    char *start = memory + (size_t)t * share;
    for (size_t offset = 0; offset < share; offset += 4096) start[offset] = 1;
    return NULL;
}

static double seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    threads = argc > 1 ? atoi(argv[1]) : 1;
    total = argc > 2 ? strtoull(argv[2], NULL, 10) : 3200000000ULL;
    if (threads < 1 || threads > 64) { fprintf(stderr, "usage: %s THREADS [BYTES]\n", argv[0]); return 2; }
    memory = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) { perror("mmap"); return 1; }
    pthread_t workers[64];
    double start = seconds();
    for (long t = 0; t < threads; t++) pthread_create(&workers[t], NULL, touch, (void *)t);
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    printf("%d thread%s: %.2f s\n", threads, threads == 1 ? "" : "s", seconds() - start);
    return 0;
}
