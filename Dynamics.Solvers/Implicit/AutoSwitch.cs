using Dynamics.Fields;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// Automatic stiffness switching in the spirit of LSODA (Petzold 1983) and OrdinaryDiffEq's AutoTsit5(Rodas5): the
/// solve starts with Dormand–Prince 5(4) and Hairer's stiffness detection (h·ρ from the last two stages, DOPRI5); after
/// <see cref="StiffStepsToSwitch"/> accepted steps with h·ρ above <see cref="StiffnessThreshold"/> (the step is pinned
/// to the stability boundary ≈ 3.3) it hands over to the stiff method, and after <see cref="NonStiffStepsToSwitch"/>
/// stiff steps with h·‖J‖∞ below half the threshold (the explicit method would be stable with a step that large) it
/// hands back. Switch times are in <see cref="Solution.MethodSwitches"/>. The controller treats the pair as order 4
/// with an order-3 estimate (the stiff method's), which is conservative for DP5.
/// </summary>
public sealed class AutoSwitch : IOdeMethod
{
    private static readonly ButcherTableau DormandPrince = new DormandPrince5().Tableau;

    /// <summary>The stiff method (default Rodas4).</summary>
    public RosenbrockMethod Stiff { get; init; } = new Rodas4();

    /// <summary>h·ρ above this counts as a stiff step (DOPRI5 uses 3.25, just inside DP5's stability boundary).</summary>
    public double StiffnessThreshold { get; init; } = 3.25;

    /// <summary>Stiff steps in a row before handing over to the stiff method (DOPRI5 reports stiffness after 15).</summary>
    public int StiffStepsToSwitch { get; init; } = 15;

    /// <summary>Non-stiff steps in a row before handing back to the explicit method.</summary>
    public int NonStiffStepsToSwitch { get; init; } = 15;

    /// <inheritdoc/>
    public string Name => $"Auto (DP5 / {Stiff.Name})";

    /// <inheritdoc/>
    public int Order => Math.Min(5, Stiff.Order);

    /// <inheritdoc/>
    public int? EmbeddedOrder => Math.Min(4, Stiff.EmbeddedOrder ?? Stiff.Order);

    /// <inheritdoc/>
    public int InterpolantOrder => Math.Min(DormandPrince.Interpolant.Order, Stiff.InterpolantOrder);

    /// <inheritdoc/>
    public IStepper CreateStepper<TField>(TField field) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(Stiff);
        if (!(StiffnessThreshold > 0) || !double.IsFinite(StiffnessThreshold))
            throw new ArgumentOutOfRangeException(nameof(StiffnessThreshold), StiffnessThreshold, $"StiffnessThreshold must be positive and finite, not {StiffnessThreshold}.");
        if (StiffStepsToSwitch < 1)
            throw new ArgumentOutOfRangeException(nameof(StiffStepsToSwitch), StiffStepsToSwitch, $"StiffStepsToSwitch must be at least 1, not {StiffStepsToSwitch}.");
        if (NonStiffStepsToSwitch < 1)
            throw new ArgumentOutOfRangeException(nameof(NonStiffStepsToSwitch), NonStiffStepsToSwitch, $"NonStiffStepsToSwitch must be at least 1, not {NonStiffStepsToSwitch}.");
        var explicitStepper = new StiffnessDetectingStepper<TField>(field, DormandPrince);
        var stiffStepper = new RosenbrockStepper<TField>(field, Stiff.Tableau, Stiff.Jacobian ?? JacobianOptions.Default);
        return new AutoSwitchStepper<TField>(explicitStepper, stiffStepper, Stiff.Name, this);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
