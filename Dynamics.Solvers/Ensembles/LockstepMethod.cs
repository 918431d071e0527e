namespace Dynamics.Solvers.Ensembles;

/// <summary>The lockstep kernels, chosen from the <see cref="Methods.IOdeMethod"/> given to <see cref="EnsembleStrategy.Lockstep"/>.</summary>
internal enum LockstepMethod
{
    /// <summary>Explicit Euler, order 1, fixed step.</summary>
    ExplicitEuler,

    /// <summary>The classical Runge–Kutta method (Kutta 1901), order 4, fixed step.</summary>
    RungeKutta4,

    /// <summary>
    /// Dormand–Prince 5(4) (Dormand &amp; Prince 1980) with one shared adaptive step per batch, controlled by the
    /// batch's largest RMS error, or a fixed step when <see cref="SolverOptions.StepSize"/> is set.
    /// </summary>
    DormandPrince5,
}
