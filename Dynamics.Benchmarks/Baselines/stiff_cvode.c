/* CVODE BDF (SUNDIALS, dense direct solver, analytic Jacobian) on the stiff timing problems of Dynamics.Benchmarks
 * StiffCommand: Robertson on [0, 1e5] and the scaled Van der Pol oscillator (eps = 1e-6) on [0, 2]. One JSON line per
 * problem and tolerance: median wall time of whole solves (create, solve, free) and the largest absolute error of the
 * final state against the same references as StiffWorkload.cs. Built and run by scripts/stiff-baselines.sh. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

static const double robertson_ref[3] = {0.017865921142104002, 7.274751468438174e-08, 0.982134006110379};
static const double vdp_ref[2] = {0.1706167732170483e+01, -0.8928097010247975e+00};

static int robertson_f(realtype t, N_Vector yv, N_Vector dv, void *data) {
  double *y = N_VGetArrayPointer(yv), *d = N_VGetArrayPointer(dv);
  double slow = 0.04 * y[0], middle = 1e4 * y[1] * y[2], fast = 3e7 * y[1] * y[1];
  d[0] = -slow + middle;
  d[1] = slow - middle - fast;
  d[2] = fast;
  return 0;
}

static int robertson_j(realtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double *y = N_VGetArrayPointer(yv);
  SM_ELEMENT_D(J, 0, 0) = -0.04; SM_ELEMENT_D(J, 0, 1) = 1e4 * y[2]; SM_ELEMENT_D(J, 0, 2) = 1e4 * y[1];
  SM_ELEMENT_D(J, 1, 0) = 0.04; SM_ELEMENT_D(J, 1, 1) = -1e4 * y[2] - 6e7 * y[1]; SM_ELEMENT_D(J, 1, 2) = -1e4 * y[1];
  SM_ELEMENT_D(J, 2, 0) = 0.0; SM_ELEMENT_D(J, 2, 1) = 6e7 * y[1]; SM_ELEMENT_D(J, 2, 2) = 0.0;
  return 0;
}

static int vdp_f(realtype t, N_Vector yv, N_Vector dv, void *data) {
  double *y = N_VGetArrayPointer(yv), *d = N_VGetArrayPointer(dv);
  d[0] = y[1];
  d[1] = ((1 - y[0] * y[0]) * y[1] - y[0]) / 1e-6;
  return 0;
}

static int vdp_j(realtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *data, N_Vector t1, N_Vector t2, N_Vector t3) {
  double *y = N_VGetArrayPointer(yv);
  SM_ELEMENT_D(J, 0, 0) = 0.0; SM_ELEMENT_D(J, 0, 1) = 1.0;
  SM_ELEMENT_D(J, 1, 0) = (-2 * y[0] * y[1] - 1) / 1e-6; SM_ELEMENT_D(J, 1, 1) = (1 - y[0] * y[0]) / 1e-6;
  return 0;
}

typedef struct { const char *name; int n; CVRhsFn f; CVLsJacFn j; double y0[3]; double t1; const double *ref; } problem;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

static double solve(const problem *p, double rtol, double atol, SUNContext ctx, long *steps, double *final) {
  N_Vector y = N_VNew_Serial(p->n, ctx);
  for (int i = 0; i < p->n; i++) NV_Ith_S(y, i) = p->y0[i];
  void *mem = CVodeCreate(CV_BDF, ctx);
  CVodeInit(mem, p->f, 0.0, y);
  CVodeSStolerances(mem, rtol, atol);
  SUNMatrix A = SUNDenseMatrix(p->n, p->n, ctx);
  SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
  CVodeSetLinearSolver(mem, LS, A);
  CVodeSetJacFn(mem, p->j);
  CVodeSetMaxNumSteps(mem, 10000000);
  realtype t = 0;
  int flag = CVode(mem, p->t1, y, &t, CV_NORMAL);
  if (flag < 0) fprintf(stderr, "CVode failed on %s: %d\n", p->name, flag);
  CVodeGetNumSteps(mem, steps);
  for (int i = 0; i < p->n; i++) final[i] = NV_Ith_S(y, i);
  SUNLinSolFree(LS);
  SUNMatDestroy(A);
  N_VDestroy(y);
  CVodeFree(&mem);
  return flag;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void measure(const problem *p, double rtol, double atol, SUNContext ctx) {
  long steps = 0;
  double final[3];
  solve(p, rtol, atol, ctx, &steps, final);
  double start = now_ms();
  int warm = 0;
  while (now_ms() - start < 100 && warm < 1000) { solve(p, rtol, atol, ctx, &steps, final); warm++; }
  double per = (now_ms() - start) / warm;
  int repeats = (int)(300.0 / (per > 1e-3 ? per : 1e-3));
  if (repeats < 5) repeats = 5;
  if (repeats > 2000) repeats = 2000;
  double *times = malloc(sizeof(double) * repeats);
  for (int r = 0; r < repeats; r++) {
    double s = now_ms();
    solve(p, rtol, atol, ctx, &steps, final);
    times[r] = now_ms() - s;
  }
  qsort(times, repeats, sizeof(double), compare);
  double error = 0;
  for (int i = 0; i < p->n; i++) error = fmax(error, fabs(final[i] - p->ref[i]));
  printf("{\"solver\":\"cvode-bdf\",\"problem\":\"%s\",\"rtol\":%.0e,\"atol\":%.0e,\"ms\":%.4g,\"error\":%.2e,\"steps\":%ld}\n",
         p->name, rtol, atol, times[repeats / 2], error, steps);
  free(times);
}

int main(void) {
  SUNContext ctx;
  SUNContext_Create(NULL, &ctx);
  problem robertson = {"robertson", 3, robertson_f, robertson_j, {1, 0, 0}, 1e5, robertson_ref};
  problem vdp = {"vdp1000", 2, vdp_f, vdp_j, {2, 0, 0}, 2.0, vdp_ref};
  for (int k = 4; k <= 10; k++) {
    double tol = pow(10, -k);
    measure(&robertson, tol, tol, ctx);
    measure(&vdp, tol, tol, ctx);
  }
  measure(&robertson, 1e-4, 1e-10, ctx);
  SUNContext_Free(&ctx);
  return 0;
}
