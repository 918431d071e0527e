namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// How <see cref="Ensemble.Solve{TField}(EnsembleProblem{TField}, Methods.IOdeMethod, EnsembleStrategy, EnsembleOptions?, EnsembleSolution?)"/>
/// runs the members, in the manner of SciML's ensemble algorithms. Every strategy takes the same problem, options and
/// method objects and returns the same <see cref="EnsembleSolution"/>; a strategy that cannot honour a method or an
/// option rejects it with a message naming it.
/// </summary>
public enum EnsembleStrategy
{
    /// <summary>
    /// Each member adapts its own step, has its own events, output and status, exactly as it would solved alone; members
    /// run on all cores with one reusable integrator per worker. Any method and option.
    /// </summary>
    IndependentMembers,

    /// <summary>
    /// Members in SIMD lanes (16 with AVX-512, 4 with AVX2), each lane its own step and accept/reject, refilled from a
    /// queue as members finish; each member takes the steps it would take alone and ends at the same bits. Dormand–Prince
    /// 5(4) with tolerances, controller, initial, minimum and maximum step and <see cref="SaveAt.End"/> output.
    /// </summary>
    SimdLanes,

    /// <summary>
    /// Batches of <see cref="EnsembleOptions.BatchSize"/> members share one step sequence (fixed, or adaptive with the
    /// batch's largest error) and run SIMD across members, batches on all cores: grids of starts, particle systems,
    /// basins. Every member needs member 0's field parameters and time span. Explicit Euler and RK4 with a fixed step,
    /// Dormand–Prince 5(4) fixed or adaptive; <see cref="EnsembleOptions.Observer"/> sees every step.
    /// </summary>
    Lockstep,
}
