// OpenBLAS's CBLAS interface (with its threading controls) and LAPACKE.
// Debian: libopenblas-dev, liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>
