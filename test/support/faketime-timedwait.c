/*
 * Loaded before Debian's libfaketime by `npm run test:year-ahead` (test/year-ahead.ts).
 *
 * libfaketime wraps pthread_cond_timedwait and turns the caller's deadline from faked time into
 * real time (deadline - offset). chDB reads the clock through its own statically linked
 * clock_gettime, which libfaketime cannot see, so its deadlines are real time already: with the
 * clock a year ahead every wait of its thread pools became a deadline a year in the past, timed out
 * at once and spun (measured: SELECT now() 0.75-4.4 s instead of 10 ms, sys time 10 s).
 * Here the wait goes straight to glibc's. Node's own timed waits (libuv, V8) use CLOCK_MONOTONIC
 * condition variables, which FAKETIME_DONT_FAKE_MONOTONIC=1 leaves alone anyway.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int (*timedwait_fn)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *abstime) {
  static timedwait_fn real;
  if (!real) {
    void *libc = dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD);
    real = libc ? (timedwait_fn)dlvsym(libc, "pthread_cond_timedwait", "GLIBC_2.3.2") : NULL;
    if (!real) {
      fputs("faketime-timedwait: glibc's pthread_cond_timedwait@GLIBC_2.3.2 not found\n", stderr);
      abort();
    }
  }
  return real(cond, mutex, abstime);
}
