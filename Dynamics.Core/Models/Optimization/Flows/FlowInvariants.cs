using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>The Lyapunov functions the optimizer flows share.</summary>
internal static class FlowInvariants
{
    /// <summary>L(θ) on the first d components, non-increasing along any descent flow.</summary>
    public static Invariant Loss<TLoss>(TLoss loss) where TLoss : ILoss =>
        new("L(θ)", (t, y) => loss.Value(y[..loss.Dimension]), InvariantKind.NonIncreasing);

    /// <summary>The energy ½‖η‖² + L(θ) of a state (θ, η), of the given kind (conserved without friction, non-increasing with it).</summary>
    public static Invariant EnergyInvariant<TLoss>(TLoss loss, InvariantKind kind) where TLoss : ILoss =>
        new("E = ½‖η‖² + L(θ)", (t, y) => Energy(loss, y), kind);

    /// <summary>The mechanical energy ½‖η‖² + L(θ) of a state (θ, η).</summary>
    public static double Energy<TLoss>(TLoss loss, ReadOnlySpan<double> state) where TLoss : ILoss
    {
        int d = loss.Dimension;
        double kinetic = 0;
        for (int i = 0; i < d; i++) kinetic += state[d + i] * state[d + i];
        return 0.5 * kinetic + loss.Value(state[..d]);
    }
}
